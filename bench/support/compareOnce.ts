// Runs one folder comparison in its own process and prints its time and the
// process's peak resident memory (worker threads included), for the benchmark.
import { performance } from 'node:perf_hooks';
import { compareSources } from '../../electron/core/compare/index';

const [ci = '', local = '', downloads = ''] = process.argv.slice(2);
const start = performance.now();
const result = await compareSources(ci, local, {
  apt: { trustedKeys: [] },
  packages: [],
  downloadDir: downloads,
  report: { phase: () => {}, log: () => {} },
});
const seconds = (performance.now() - start) / 1000;
process.stdout.write(
  `${JSON.stringify({ seconds, bytes: result.bytesHashed, rows: result.artifacts.length, maxRssKiB: process.resourceUsage().maxRSS })}\n`,
);
