import { createHash } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { differenceNodeSchema } from '../../../../shared/review';
import { writeFileAtomic } from '../fs/atomicWrite';
import { readJsonFile } from '../fs/readJsonFile';
import type { ReportTree } from '../diffoscope/reportTree';

/** What is kept of one finished diffoscope report, beside the raw report. */
const savedReportSchema = z.object({
  diffoscopeVersion: z.string(),
  reportSha256: z.string(),
  generatedAt: z.string(),
  nodes: z.array(differenceNodeSchema),
  /** Where each node's diff sits in diffs.txt: [byte offset, byte length]. */
  diffIndex: z.record(z.string(), z.tuple([z.number(), z.number()])),
});
export type SavedReport = z.infer<typeof savedReportSchema>;

/** One artifact's report folder: reports/<hash of its key>/ in the review folder. */
export function reportFolder(reviewDir: string, artifactKey: string): string {
  const name = createHash('sha256').update(artifactKey).digest('hex').slice(0, 32);
  return join(reviewDir, 'reports', name);
}

export const RAW_REPORT = 'diffoscope.json';

/**
 * Saves the tree of a finished report: diffs go to diffs.txt one after the
 * other (so a page of one diff is a byte range, never the whole report), the
 * nodes and that index to tree.json, written last and atomically: a report
 * exists exactly when tree.json does.
 */
export async function saveReportTree(
  folder: string,
  tree: ReportTree,
  facts: { diffoscopeVersion: string; reportSha256: string; generatedAt: string },
): Promise<SavedReport> {
  await mkdir(folder, { recursive: true });
  const diffIndex: SavedReport['diffIndex'] = {};
  const handle = await open(join(folder, 'diffs.txt'), 'w');
  try {
    let offset = 0;
    for (const [id, text] of tree.diffs) {
      const bytes = Buffer.from(text, 'utf8');
      await handle.write(bytes);
      diffIndex[id] = [offset, bytes.length];
      offset += bytes.length;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  const saved: SavedReport = { ...facts, nodes: tree.nodes, diffIndex };
  await writeFileAtomic(join(folder, 'tree.json'), JSON.stringify(saved));
  return saved;
}

/** The saved report of an artifact, or null when there is none yet. */
export function readSavedReport(folder: string): Promise<SavedReport | null> {
  return readJsonFile(join(folder, 'tree.json'), savedReportSchema);
}

/** Lines [from, from + maxLines) of one node's diff. */
export async function readDiffLines(
  folder: string,
  report: SavedReport,
  id: string,
  from: number,
  maxLines: number,
): Promise<{ lines: string[]; totalLines: number }> {
  const range = report.diffIndex[id];
  if (!range) return { lines: [], totalLines: 0 };
  const handle = await open(join(folder, 'diffs.txt'), 'r');
  try {
    const buffer = Buffer.alloc(range[1]);
    await handle.read(buffer, 0, range[1], range[0]);
    const all = buffer.toString('utf8').split('\n');
    if (all[all.length - 1] === '') all.pop();
    return { lines: all.slice(from, from + maxLines), totalLines: all.length };
  } finally {
    await handle.close();
  }
}

/** Forgets a report (before a re-run), so a half-made one is never read. */
export async function clearReport(folder: string): Promise<void> {
  await rm(join(folder, 'tree.json'), { force: true });
  await rm(join(folder, 'diffs.txt'), { force: true });
}
