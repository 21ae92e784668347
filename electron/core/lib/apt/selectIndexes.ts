import { CountersignError } from '../../../../shared/errors';
import type { AptSelection } from './aptTypes';
import { compressionOf, type IndexCompression } from './decompressIndex';
import { quoted, quotedList } from './hostileText';
import type { ReleaseEntry, ReleaseFile } from './releaseFile';

/** One listed file of a Packages index, as Release vouches for it. */
export interface IndexVariant extends ReleaseEntry {
  compression: IndexCompression;
}

/** The Packages index of one component and architecture. */
export interface IndexTarget {
  component: string;
  architecture: string;
  /** The variants Release lists, best first (xz, gz, plain); never empty. */
  variants: IndexVariant[];
}

export interface IndexPlan {
  components: string[];
  architectures: string[];
  targets: IndexTarget[];
  /** `component/binary-arch` pairs selected but with no Packages listed in Release. */
  unlisted: string[];
}

// What apt prefers: the smallest download first.
const SUFFIXES = ['.xz', '.gz', ''] as const;

function notListed(what: string, value: string, listed: string[]): CountersignError {
  return new CountersignError(
    'INVALID_REPOSITORY',
    `The repository's Release does not list the ${what} ${quoted(value)}; it lists ${quotedList(listed)}.`,
    `Choose one of those (--${what} NAME), or leave it out to read them all.`,
  );
}

/**
 * Which Packages indexes to read: every selected component × architecture,
 * plus `binary-all` when Release has it (architecture-independent packages
 * install everywhere). By default every component and architecture Release
 * lists. Only indexes Release lists are ever planned: an unlisted file has no
 * hash to be checked against.
 *
 * A Release that says `No-Support-for-Architecture-all: Packages` (Debian's
 * do) lists architecture-independent packages in every architecture's index,
 * and apt then never reads binary-all: neither do we, unless `all` is asked
 * for by name. A partial mirror holding only binary-amd64 is complete for apt.
 */
export function planIndexes(
  release: ReleaseFile,
  selection: Pick<AptSelection, 'component' | 'architecture'>,
): IndexPlan {
  const listedArchitectures = release.architectures.filter((name) => name !== 'source');
  const hasAllIndex = (component: string) =>
    SUFFIXES.some((suffix) => release.sha256.has(`${component}/binary-all/Packages${suffix}`));

  let components = release.components;
  if (selection.component !== undefined) {
    if (!release.components.includes(selection.component)) {
      throw notListed('component', selection.component, release.components);
    }
    components = [selection.component];
  }
  const allInEveryIndex =
    release.paragraph.get('No-Support-for-Architecture-all')?.trim() === 'Packages';
  const withoutAll = listedArchitectures.filter((name) => name !== 'all');
  let architectures = allInEveryIndex && withoutAll.length > 0 ? withoutAll : listedArchitectures;
  if (selection.architecture !== undefined) {
    const wanted = selection.architecture;
    const allIsThere = wanted === 'all' && components.some(hasAllIndex);
    if (!listedArchitectures.includes(wanted) && !allIsThere) {
      throw notListed('architecture', wanted, listedArchitectures);
    }
    architectures = [wanted];
  }

  const targets: IndexTarget[] = [];
  const unlisted: string[] = [];
  const read = new Set<string>();
  for (const component of components) {
    const forComponent = [...architectures];
    if (
      !allInEveryIndex &&
      !forComponent.includes('all') &&
      (release.architectures.includes('all') || hasAllIndex(component))
    ) {
      forComponent.push('all');
    }
    for (const architecture of forComponent) {
      const variants = SUFFIXES.flatMap((suffix) => {
        const entry = release.sha256.get(`${component}/binary-${architecture}/Packages${suffix}`);
        return entry ? [{ ...entry, compression: compressionOf(entry.path) }] : [];
      });
      if (variants.length === 0) {
        // An implicit binary-all that is not there is normal; a named pair is worth a log line.
        if (architecture !== 'all' || architectures.includes('all')) {
          unlisted.push(`${component}/binary-${architecture}`);
        }
        continue;
      }
      read.add(architecture);
      targets.push({ component, architecture, variants });
    }
  }
  return {
    components,
    architectures: [
      ...architectures,
      ...(read.has('all') && !architectures.includes('all') ? ['all'] : []),
    ],
    targets,
    unlisted,
  };
}
