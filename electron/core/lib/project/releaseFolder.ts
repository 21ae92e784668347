import { existsSync } from 'node:fs';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CountersignError } from '../../../../shared/errors';
import { appendAuditEntry, inspectAuditLog } from '../../audit/auditLog';
import { runGit } from '../git/runGit';
import { writeFileAtomic } from '../fs/atomicWrite';
import { reviewFolder } from './countersignHome';
import type { LoadedProject } from './projectStore';

// A leading '.' keeps it apart from every tag's folder: git refuses a ref part that starts with one.
const OWNER_FILE = '.project.json';

/** Why a review folder found under the project's name only was not adopted. */
export interface ForeignFolder {
  path: string;
  reason: string;
}

/**
 * The review folder of one release of this project: reviews/<identity>/<tag>/.
 * The first call adopts a folder an earlier Countersign kept under the
 * project's display name, when its audit log shows it is this project's;
 * otherwise that folder is left where it is, for the project it belongs to.
 */
export async function releaseFolder(project: LoadedProject, tag: string): Promise<string> {
  if (project.openedBundle) return bundleReleaseFolder(project.openedBundle, tag);
  await claimIdentity(project);
  const folder = reviewFolder(project.id, tag);
  if (existsSync(folder)) return folder;
  const legacy = legacyFolder(project, tag);
  if (legacy && (await legacyOwnership(project, tag, legacy)) === null) {
    await mkdir(dirname(folder), { recursive: true });
    await rename(legacy, folder);
    await appendAuditEntry(folder, 'review-folder-adopted', {
      from: legacy,
      project: project.id,
      projectFile: project.file,
    });
  }
  return folder;
}

/** An opened bundle's one release; any other tag is refused with the bundle's own. */
function bundleReleaseFolder(bundle: { reviewDir: string; tag: string }, tag: string): string {
  if (tag !== bundle.tag) {
    throw new CountersignError(
      'INVALID_REQUEST',
      `The open review bundle holds ${JSON.stringify(bundle.tag)} only, not ${JSON.stringify(tag.slice(0, 255))}.`,
    );
  }
  return bundle.reviewDir;
}

/** A name-only folder of this release that this project did not adopt, and why; null when none. */
export async function foreignLegacyFolder(
  project: LoadedProject,
  tag: string,
): Promise<ForeignFolder | null> {
  if (existsSync(reviewFolder(project.id, tag))) return null;
  const legacy = legacyFolder(project, tag);
  if (!legacy) return null;
  const reason = await legacyOwnership(project, tag, legacy);
  return reason === null ? null : { path: legacy, reason };
}

/** reviews/<name>/<tag>/ as earlier versions named it, when it exists and is not this project's own. */
function legacyFolder(project: LoadedProject, tag: string): string | null {
  const name = project.config.name;
  // Only a name that was ever a single folder name can have made one.
  if (name === project.id || name === '.' || name === '..' || /[/\\\0]/.test(name)) return null;
  const path = reviewFolder(name, tag);
  return existsSync(path) ? path : null;
}

/**
 * Null when the folder's audit log shows this project's release: an intact
 * chain whose tag verifications were of this repository's tag object, by keys
 * on this project's trust list. Otherwise the reason it is someone else's.
 */
async function legacyOwnership(
  project: LoadedProject,
  tag: string,
  folder: string,
): Promise<string | null> {
  const log = await inspectAuditLog(folder).catch(() => null);
  if (!log) return `${folder}'s audit log cannot be read.`;
  if (!log.state.intact)
    return `${folder}'s audit log is broken at line ${log.state.brokenAtLine}.`;
  const verified = log.lines.flatMap(({ entry }) =>
    entry?.kind === 'tag-verified' ? [entry.data] : [],
  );
  if (verified.length === 0) return `Nothing in ${folder} shows which project verified its tag.`;
  const ref = await runGit(['rev-parse', '--verify', '--quiet', `refs/tags/${tag}`], {
    cwd: project.repoPath,
  }).catch(() => null);
  const tagObject = ref?.code === 0 ? ref.stdout.toString('utf8').trim() : null;
  const trusted = new Set(project.config.trustedSigners.map(({ fingerprint }) => fingerprint));
  for (const data of verified) {
    if (data.tagObject !== tagObject) {
      return `${folder} holds a verification of another tag object (${String(data.tagObject)}), not this repository's ${tag}.`;
    }
    if (typeof data.signer !== 'string' || !trusted.has(data.signer)) {
      return `${folder} holds a verification signed by ${String(data.signer)}, a key outside this project's trust list.`;
    }
  }
  return null;
}

const ownerFile = (id: string) => join(dirname(reviewFolder(id, 'x')), OWNER_FILE);

/** The project file recorded as holding an identity, if any. */
async function holderOf(id: string): Promise<string | null> {
  const owner = await readFile(ownerFile(id), 'utf8')
    .then((text) => JSON.parse(text) as Partial<Owner>)
    .catch(() => null);
  return typeof owner?.projectFile === 'string' ? owner.projectFile : null;
}

/**
 * Refuses an identity another project file still holds (it exists and names
 * the same id); a holder that was moved or deleted leaves the identity free.
 */
export async function assertIdentityFree(id: string, projectFile: string): Promise<void> {
  const holder = await holderOf(id);
  if (!holder || holder === projectFile || !existsSync(holder)) return;
  const other = await readFile(holder, 'utf8')
    .then((text) => (JSON.parse(text) as { id?: unknown }).id)
    .catch(() => null);
  if (other === id) {
    throw new CountersignError(
      'PROJECT_ID_IN_USE',
      `The project identity "${id}" belongs to ${holder}; ${projectFile} cannot use it too.`,
      `Choose another identity (set "id" in ${projectFile}, or --id with countersign init): two projects never share a signed history.`,
    );
  }
}

interface Owner {
  id: string;
  name: string;
  projectFile: string;
}

/**
 * Records which project file holds an identity, and refuses a second one that
 * claims it (a copied project.json) while the first is still there: two
 * project files must not write one signed history.
 */
async function claimIdentity(project: LoadedProject): Promise<void> {
  const file = ownerFile(project.id);
  if ((await holderOf(project.id)) === project.file) return;
  await assertIdentityFree(project.id, project.file);
  const record: Owner = { id: project.id, name: project.config.name, projectFile: project.file };
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
}
