// Step 4 benchmark: how long a reviewer waits for the first diff of a .deb
// pair in which 5,000 files differ. Countersign lists the differing members
// with its own readers and diffs the one opened with diffoscope; the
// alternative is waiting for diffoscope's report on the whole pair. All three
// are measured side by side, in one run, on the same packages.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const FILES = 5000;

interface FirstDiff {
  listSeconds: number;
  firstDiffSeconds: number;
  firstId: string;
  firstDiffLines: number;
  dataMemberSeconds: number;
  differing: number;
  version: string;
}

/** A package of FILES small text files, each embedding this build's timestamp; md5sums kept true. */
async function buildPackage(parent: string, side: string, builtAt: string): Promise<string> {
  const root = join(parent, side);
  const sums: string[] = [];
  for (let folder = 0; folder < FILES / 100; folder += 1) {
    await mkdir(join(root, 'usr/share/doc/bench', `part-${folder}`), { recursive: true });
  }
  await mkdir(join(root, 'DEBIAN'));
  await Promise.all(
    Array.from({ length: FILES }, async (_, index) => {
      const path = `usr/share/doc/bench/part-${Math.floor(index / 100)}/page-${index}.txt`;
      const text = `Page ${index} of the manual.\nGenerated on ${builtAt}.\nNothing else changes.\n`;
      sums[index] = `${createHash('md5').update(text).digest('hex')}  ${path}\n`;
      await writeFile(join(root, path), text);
    }),
  );
  await writeFile(
    join(root, 'DEBIAN/control'),
    'Package: bench-docs\nVersion: 1.0-1\nArchitecture: all\nMaintainer: Bench <bench@example.org>\nDescription: 5,000 generated pages\n',
  );
  await writeFile(join(root, 'DEBIAN/md5sums'), sums.join(''));
  const deb = join(parent, `${side}.deb`);
  const build = spawnSync('dpkg-deb', ['-Zxz', '--root-owner-group', '--build', root, deb], {
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(build.stderr);
  return deb;
}

/**
 * Seconds a command takes, and whether it was stopped at `capSeconds` (the
 * figure is then a lower bound); diffoscope exits 1 when it finds differences.
 */
function timeCommand(
  command: string,
  args: string[],
  capSeconds = 3600,
): { seconds: number; capped: boolean } {
  const start = performance.now();
  const run = spawnSync(command, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: capSeconds * 1000,
    killSignal: 'SIGKILL',
  });
  const seconds = (performance.now() - start) / 1000;
  if (run.signal) return { seconds, capped: true };
  if (run.status !== 0 && run.status !== 1) throw new Error(`${command} failed: ${run.stderr}`);
  return { seconds, capped: false };
}

// diffoscope --html takes about 14 minutes on this pair here; stopping it at 3
// minutes keeps `npm run bench` short and still gives a lower bound.
const HTML_CAP_SECONDS = 180;
const shown = (run: { seconds: number; capped: boolean }, digits: number) =>
  `${run.capped ? '> ' : ''}${run.seconds.toFixed(digits)}`;

function countersignFirstDiff(ci: string, local: string): FirstDiff {
  const run = spawnSync('npx', ['tsx', 'bench/support/reviewFirstDiff.ts', ci, local], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as FirstDiff;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const parent = await mkdtemp(join(tmpdir(), 'cs-bench-review-'));
try {
  const ci = await buildPackage(parent, 'ci', '2024-05-01T10:00:00Z');
  const local = await buildPackage(parent, 'local', '2024-05-01T10:07:31Z');
  const kb = (file: string) => stat(file).then((info) => Math.round(info.size / 1024));
  console.log(
    `pair of .debs, ${FILES.toLocaleString('en')} changed text files each (${await kb(ci)} KB, ${await kb(local)} KB, data.tar.xz)`,
  );

  const runs = 3;
  const ours = Array.from({ length: runs }, () => countersignFirstDiff(ci, local));
  const firstDiff = median(ours.map((run) => run.firstDiffSeconds));
  const list = median(ours.map((run) => run.listSeconds));
  const dataMember = median(ours.map((run) => run.dataMemberSeconds));
  const sample = ours[0];
  console.log(
    `running diffoscope --json, then --html (stopped at ${HTML_CAP_SECONDS} s), on the whole pair…`,
  );
  const jsonRun = timeCommand('diffoscope', [
    '--json',
    join(parent, 'report.json'),
    '--no-progress',
    '--no-default-limits',
    ci,
    local,
  ]);
  const htmlRun = timeCommand(
    'diffoscope',
    ['--html', join(parent, 'report.html'), '--no-progress', ci, local],
    HTML_CAP_SECONDS,
  );
  const json = jsonRun.seconds;
  const html = htmlRun.seconds;

  console.log(`${sample?.version ?? 'diffoscope'}; Countersign median of ${runs} fresh processes:`);
  console.log(
    `  Countersign first diff        ${firstDiff.toFixed(2)} s  (${sample?.differing ?? 0} members listed in ${list.toFixed(2)} s, then ${JSON.stringify(sample?.firstId)}, ${sample?.firstDiffLines ?? 0} diff lines)`,
  );
  console.log(`  then any data.tar member in   ${dataMember.toFixed(2)} s`);
  console.log(
    `  diffoscope --json (whole pair, --no-default-limits)  ${shown(jsonRun, 1)} s  (${(json / firstDiff).toFixed(0)}x longer)`,
  );
  console.log(
    `  diffoscope --html (whole pair, defaults)             ${shown(htmlRun, 1)} s  (${htmlRun.capped ? 'stopped; at least ' : ''}${(html / firstDiff).toFixed(0)}x longer)`,
  );
  console.log(
    `first diff in ${firstDiff.toFixed(1)} s; diffoscope --json ${shown(jsonRun, 0)} s (${(json / firstDiff).toFixed(0)}x), --html ${shown(htmlRun, 0)} s (${htmlRun.capped ? '≥' : ''}${(html / firstDiff).toFixed(0)}x); target under 2 s: ${firstDiff < 2 ? 'met' : 'MISSED'}`,
  );
} finally {
  await rm(parent, { recursive: true, force: true });
}
