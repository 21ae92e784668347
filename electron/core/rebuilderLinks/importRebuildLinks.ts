import { lstat, mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import { debFileName } from '../approve/index';
import { appendAuditEntry } from '../audit/auditLog';
import { writeFileAtomic } from '../lib/fs/atomicWrite';
import { releaseFolder } from '../lib/project/releaseFolder';
import type { LoadedProject } from '../lib/project/projectStore';
import { readSavedComparison } from '../lib/reviewFolder/compareStore';
import { checkRebuildLink } from './checkRebuildLink';
import { layoutRebuilders } from './rebuildLayout';
import { linkPathInTree, reviewTree } from './rebuilderTree';

const MAX_LINK_BYTES = 1024 * 1024;

const invalid = (message: string) =>
  new CountersignError(
    'REBUILD_LINK_INVALID',
    message,
    'Ask the rebuilder for its tree again (countersign rebuilder attest --out DIR), sent over a channel you trust.',
  );

/** Each `sources/<package>/<version>/metadata` of a handed-in tree; anything else is refused. */
async function treeEntries(tree: string): Promise<{ package: string; version: string }[]> {
  const sources = join(tree, 'sources');
  const found: { package: string; version: string }[] = [];
  const folders = async (dir: string) => {
    const stats = await lstat(dir).catch(() => null);
    if (!stats?.isDirectory()) throw invalid(`${dir} is not a folder of a rebuilder's tree.`);
    return readdir(dir);
  };
  for (const name of await folders(sources)) {
    for (const version of await folders(join(sources, name))) {
      const file = join(sources, name, version, 'metadata');
      const stats = await lstat(file).catch(() => null);
      if (!stats?.isFile() || stats.size > MAX_LINK_BYTES) {
        throw invalid(`${file} is not a link file (a regular file under 1 MiB).`);
      }
      found.push({ package: name, version });
    }
  }
  return found;
}

/**
 * Takes in another rebuilder's tree (from `countersign rebuilder attest
 * --out DIR` on its machine) for apt-prod to publish: every link checked
 * first — signed by a rebuilder the project pins, for the step `rebuild`,
 * its one product this release's package under apt's name, with CI's
 * SHA-256 — then all kept in the release's review folder, or none.
 */
export async function importRebuildLinks(
  project: LoadedProject,
  tag: string,
  tree: string,
): Promise<{ rebuilder: string; name: string; imported: number }> {
  const policy = project.config.rebuilders;
  if (!policy) {
    throw new CountersignError(
      'INVALID_PROJECT',
      `Project ${project.config.name} pins no rebuilders, so no rebuilder's links are published.`,
      'Add rebuilders to project.json (their names, fingerprints and public keys, and a threshold).',
    );
  }
  const rebuilders = await layoutRebuilders(policy.rebuilders);
  const reviewDir = await releaseFolder(project, tag);
  const comparison = await readSavedComparison(reviewDir);
  const ciDebs = new Map(
    (comparison?.artifacts ?? []).flatMap((artifact) =>
      artifact.ci?.deb ? [[debFileName(artifact.ci.deb), artifact.ci.sha256] as const] : [],
    ),
  );
  const now = new Date();
  const checked: { path: string[]; text: string }[] = [];
  let signer: (typeof rebuilders)[number] | undefined;
  for (const entry of await treeEntries(tree)) {
    const path = linkPathInTree(entry);
    const text = await readFile(join(tree, ...path), 'utf8');
    const product = [...ciDebs.keys()].find((name) =>
      name.startsWith(`${entry.package}_${entry.version.replaceAll(':', '%3a')}_`),
    );
    if (!product) {
      throw invalid(`${path.join('/')} is for a package ${tag}'s comparison does not hold.`);
    }
    const check = checkRebuildLink(
      text,
      product,
      rebuilders.map(({ key }) => key),
      now,
    );
    if (!check.ok) {
      const unknown = check.reason.includes('the layout does not name');
      throw new CountersignError(
        unknown ? 'UNKNOWN_REBUILDER' : 'REBUILD_LINK_INVALID',
        `${path.join('/')}: ${check.reason}.`,
        unknown ? 'Pin the rebuilder in project.json first.' : undefined,
      );
    }
    if (check.sha256 !== ciDebs.get(product)) {
      throw invalid(`${path.join('/')} vouches for other bytes than CI's ${product}.`);
    }
    const by = rebuilders.find(({ key }) => key.keyid === check.rebuilder.keyid);
    if (signer && by !== signer) throw invalid('The tree holds links by more than one rebuilder.');
    signer = by;
    checked.push({ path, text });
  }
  if (!signer || checked.length === 0) throw invalid(`${tree} holds no rebuild link.`);
  const into = reviewTree(reviewDir, signer.rebuilder.fingerprint);
  for (const { path, text } of checked) {
    const file = join(into, ...path);
    await mkdir(dirname(file), { recursive: true });
    await writeFileAtomic(file, text);
  }
  await appendAuditEntry(reviewDir, 'rebuild-links-imported', {
    tag,
    rebuilder: signer.rebuilder.fingerprint,
    links: checked.map(({ path }) => path.join('/')),
  });
  return {
    rebuilder: signer.rebuilder.fingerprint,
    name: signer.rebuilder.name,
    imported: checked.length,
  };
}
