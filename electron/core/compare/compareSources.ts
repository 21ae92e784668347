import type * as openpgp from 'openpgp';
import type { ArtifactCopy, CompareResult } from '../../../shared/compare';
import { summarise } from '../../../shared/compare';
import type { SourceRelease } from '../lib/apt/readAptRepository';
import { DEBUG_SYMBOLS_NOT_PUBLISHED, isDebugSymbolsPackage } from '../lib/deb/debugSymbols';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import { sourceKindOf } from './ciSourceSetup';
import { matchArtifacts } from './matchArtifacts';
import { listAptRepository } from './sources/aptSource';
import { listArchive } from './sources/archiveSource';
import { ByteProgress } from './sources/byteProgress';
import { listFolder } from './sources/folderSource';
import type { SourceListing } from './sources/sourceListing';

export interface CompareOptions {
  /** For an apt side: the keys trusted to sign its Release, and what to read. */
  apt: {
    trustedKeys: openpgp.PublicKey[];
    suite?: string;
    component?: string;
    architecture?: string;
    /** Only this release's binaries: those built from this source at this version. */
    source?: SourceRelease;
  };
  /** Only these packages (both sides); empty means all. */
  packages: string[];
  /** Where packages fetched from an apt repository are kept. */
  downloadDir: string;
  report: JobReporter;
}

async function listSource(
  location: string,
  side: 'CI' | 'local',
  options: CompareOptions,
  progress: ByteProgress,
): Promise<SourceListing> {
  const signal = options.report.signal;
  const common = { progress, ...(signal ? { signal } : {}) };
  const kind = sourceKindOf(location);
  progress.phase(`read ${side} artifacts`);
  if (kind === 'folder') return listFolder(location, common);
  if (kind === 'archive') return listArchive(location, common);
  const { trustedKeys, suite, component, architecture, source } = options.apt;
  return listAptRepository(
    location.slice('apt:'.length),
    trustedKeys,
    {
      ...(suite ? { suite } : {}),
      ...(component ? { component } : {}),
      ...(architecture ? { architecture } : {}),
      ...(source ? { source } : {}),
      ...(options.packages.length > 0 ? { packages: options.packages } : {}),
    },
    options.downloadDir,
    { ...common, log: (line) => options.report.log(line) },
  );
}

/**
 * Keeps what both sides can hold: next to an apt repository, which publishes
 * only packages, the other side's other files are set aside (and said so);
 * a package selection applies to both sides.
 */
function narrow(listing: SourceListing, onlyPackages: boolean, packages: string[]): SourceListing {
  const kept: ArtifactCopy[] = [];
  const skipped = [...listing.source.skipped];
  for (const copy of listing.copies) {
    if (onlyPackages && !copy.deb) {
      skipped.push({
        path: copy.path,
        reason: 'not a package; the apt side publishes only packages',
      });
    } else if (packages.length > 0 && (!copy.deb || !packages.includes(copy.deb.package))) {
      skipped.push({ path: copy.path, reason: 'not among the selected packages' });
    } else {
      kept.push(copy);
    }
  }
  return { source: { ...listing.source, skipped }, copies: kept };
}

/**
 * Next to an apt repository that does not publish a rebuild's debug-symbol
 * packages (Debian's never does), they are set aside as expected, with the
 * reason, instead of standing as "only local" against the release.
 */
function withoutUnpublishedDebugSymbols(local: SourceListing, ci: SourceListing): SourceListing {
  if (ci.source.kind !== 'apt') return local;
  const published = new Set(ci.copies.flatMap((copy) => (copy.deb ? [copy.deb.package] : [])));
  const kept: ArtifactCopy[] = [];
  const skipped = [...local.source.skipped];
  for (const copy of local.copies) {
    const name = copy.deb?.package;
    if (name && isDebugSymbolsPackage(name) && !published.has(name)) {
      skipped.push({ path: copy.path, reason: DEBUG_SYMBOLS_NOT_PUBLISHED });
    } else {
      kept.push(copy);
    }
  }
  return { source: { ...local.source, skipped }, copies: kept };
}

/**
 * Step 3: reads and hashes both sides (CI's and the local rebuild) and pairs
 * their artifacts. Any refusal on the way (a bad signature, a hash that does
 * not match its index, a hostile archive) ends the comparison with its reason.
 */
export async function compareSources(
  ciLocation: string,
  localLocation: string,
  options: CompareOptions,
): Promise<CompareResult> {
  const progress = new ByteProgress(options.report, 'read CI artifacts');
  const ciListing = await listSource(ciLocation, 'CI', options, progress);
  const localListing = await listSource(localLocation, 'local', options, progress);
  const aptInvolved = ciListing.source.kind === 'apt' || localListing.source.kind === 'apt';
  const ci = narrow(ciListing, aptInvolved, options.packages);
  const local = withoutUnpublishedDebugSymbols(
    narrow(localListing, aptInvolved, options.packages),
    ciListing,
  );
  progress.phase('match');
  const artifacts = matchArtifacts(ci.copies, local.copies);
  const summary = summarise(artifacts);
  return {
    ci: ci.source,
    local: local.source,
    artifacts,
    summary,
    identical: summary.differs + summary.onlyCi + summary.onlyLocal === 0,
    comparedAt: new Date().toISOString(),
    bytesHashed: progress.bytesDone,
  };
}
