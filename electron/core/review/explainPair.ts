import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explainedTree } from '../lib/diffoscope/explainedTree';
import { runDiffoscope } from '../lib/diffoscope/runDiffoscope';

/** diffoscope's verdict on one pair: null when it found them identical. */
export interface PairExplanation {
  diffoscopeVersion: string;
  tree: Awaited<ReturnType<typeof explainedTree>> | null;
}

/**
 * Step 4's explanation of one pair of files, outside any review folder:
 * diffoscope's report, read into the same tree the review shows, in a
 * temporary folder removed afterwards.
 */
export async function explainPair(
  ci: string,
  local: string,
  options: { timeLimitSeconds?: number; signal?: AbortSignal },
): Promise<PairExplanation> {
  const temp = await mkdtemp(join(tmpdir(), 'cs-diff-'));
  try {
    const run = await runDiffoscope(ci, local, {
      reportFile: join(temp, 'report.json'),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.timeLimitSeconds ? { timeLimitSeconds: options.timeLimitSeconds } : {}),
    });
    const tree = run.reportFile ? await explainedTree(run.reportFile, ci, local) : null;
    return { diffoscopeVersion: run.version, tree };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
