import { isAbsolute, resolve } from 'node:path';
import type * as openpgp from 'openpgp';
import type { ProjectSummary } from '../../../shared/project';
import type { LoadedProject } from '../lib/project/projectStore';
import { describeSigner } from '../lib/openpgp/keyFacts';
import { readPinnedKey } from '../lib/openpgp/pinnedKey';

export type SourceKind = 'folder' | 'archive' | 'apt';

const ARCHIVE_SUFFIXES = ['.zip', '.tar', '.tar.gz', '.tgz', '.tar.xz', '.txz'];

/** Which reader a SOURCE string asks for: "apt:…", an archive by its suffix, else a folder. */
export function sourceKindOf(source: string): SourceKind {
  if (source.startsWith('apt:')) return 'apt';
  const lower = source.toLowerCase();
  return ARCHIVE_SUFFIXES.some((suffix) => lower.endsWith(suffix)) ? 'archive' : 'folder';
}

/** A path relative to the project file's folder, or a URL, as given. */
export function resolveSourceLocation(location: string, baseDir: string): string {
  if (/^https?:\/\//i.test(location) || isAbsolute(location)) return location;
  return resolve(baseDir, location);
}

/** The repository keys stored in the project, checked against their pins like trusted signers. */
export async function repositoryKeysOf(project: LoadedProject): Promise<openpgp.PublicKey[]> {
  const keys: openpgp.PublicKey[] = [];
  for (const pinned of project.config.ci?.repositoryKeys ?? []) {
    keys.push(await readPinnedKey(pinned, 'repository key', project.file));
  }
  return keys;
}

/** The CI source as the UI shows it. */
export async function ciSourceSetup(project: LoadedProject): Promise<ProjectSummary['ci']> {
  const ci = project.config.ci;
  if (!ci) return null;
  const keys = await repositoryKeysOf(project);
  return {
    source: ci.source,
    kind: sourceKindOf(ci.source),
    repositoryKeys: await Promise.all(keys.map((key) => describeSigner(key))),
  };
}
