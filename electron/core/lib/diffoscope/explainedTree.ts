import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { tmpdir } from 'node:os';
import { explainDifferences } from './explainDifferences';
import { extractMember } from './members/extractMember';
import { reportTree, type ReportTree } from './reportTree';

/** A .deb's md5sums through our own readers; null when it has none or is not a .deb. */
export async function md5sumsOf(deb: string): Promise<string | null> {
  const temp = await mkdtemp(join(tmpdir(), 'cs-md5sums-'));
  try {
    await extractMember(deb, 'control.tar ▸ ./md5sums', join(temp, 'md5sums'));
    return await readFile(join(temp, 'md5sums'), 'utf8');
  } catch {
    return null;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/**
 * diffoscope's report on a pair as Countersign shows it: the flat tree, with
 * the differences that follow from others (a .deb's md5sums, member listings
 * that differ only in the sizes of changed members) marked.
 */
export async function explainedTree(
  reportFile: string,
  ci: string,
  local: string,
  artifactName: string = basename(local),
): Promise<ReportTree> {
  const tree = reportTree(JSON.parse(await readFile(reportFile, 'utf8')) as unknown, artifactName);
  const [ciSums, localSums] = await Promise.all([md5sumsOf(ci), md5sumsOf(local)]);
  return {
    nodes: explainDifferences(
      tree.nodes,
      ciSums !== null && localSums !== null ? { ci: ciSums, local: localSums } : null,
      tree.diffs,
    ),
    diffs: tree.diffs,
  };
}
