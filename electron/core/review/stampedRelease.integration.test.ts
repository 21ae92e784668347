import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareSources } from '../compare/index';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import { saveComparison } from '../lib/reviewFolder/compareStore';
import { readSavedReport, reportFolder } from '../lib/reviewFolder/reportStore';
import { reviewFolderVerdicts } from './reviewFolderVerdicts';

/**
 * A release of a handful of packages where each carries one stamped file (the
 * build's time and host), built by dpkg-deb on each side, compared, and
 * reviewed with real diffoscope: one rule on the stamp must approve them all,
 * including those whose .deb member listing differs only because data.tar.xz
 * (and control.tar.xz) changed size.
 */

const run = promisify(execFile);
const quiet: JobReporter = { phase: () => {}, log: () => {} };
const PACKAGES = ['stamp-a', 'stamp-b', 'stamp-c', 'stamp-d'];

let work: string;
let reviewDir: string;

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** One side's package: a README the same on both sides and the stamp, with md5sums as dh_md5sums writes it. */
async function buildDeb(name: string, stamp: string, out: string): Promise<void> {
  const root = join(work, 'roots', `${name}-${md5(stamp)}`);
  const files: Record<string, string> = {
    [`usr/share/doc/${name}/README`]: `${name}: the same on both sides\n`,
    [`usr/share/${name}/build-stamp`]: stamp,
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  await mkdir(join(root, 'DEBIAN'), { recursive: true });
  await writeFile(
    join(root, 'DEBIAN', 'control'),
    `Package: ${name}\nVersion: 1.0.0\nArchitecture: all\nMaintainer: Dana <dana@example.org>\nDescription: carries a build stamp\n`,
  );
  await writeFile(
    join(root, 'DEBIAN', 'md5sums'),
    Object.keys(files)
      .sort()
      .map((path) => `${md5(files[path] ?? '')}  ${path}\n`)
      .join(''),
  );
  await mkdir(dirname(out), { recursive: true });
  await run('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', root, out], {
    env: { ...process.env, SOURCE_DATE_EPOCH: '1769940000' },
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cs-stamped-'));
  reviewDir = join(work, 'reviews', 'v1.0.0');
  for (const [index, name] of PACKAGES.entries()) {
    const deb = `${name}_1.0.0_all.deb`;
    // Half of them carry a longer stamp on CI's side, so their data.tar.xz changes size.
    const host = index % 2 === 0 ? 'ci-runner-17.build.example.org' : 'ci';
    await buildDeb(name, `built 2026-02-01 11:00 UTC on ${host}\n`, join(work, 'ci', deb));
    await buildDeb(name, 'built 2026-02-01 10:00 UTC on rb\n', join(work, 'rebuild', deb));
  }
  const comparison = await compareSources(join(work, 'ci'), join(work, 'rebuild'), {
    apt: { trustedKeys: [] },
    packages: [],
    downloadDir: join(reviewDir, 'ci-packages'),
    report: quiet,
  });
  expect(comparison.summary.differs).toBe(PACKAGES.length);
  await saveComparison(reviewDir, comparison);
}, 120_000);

afterAll(() => rm(work, { recursive: true, force: true }));

describe('a release whose packages each carry one stamped file', () => {
  it('is approved whole by one rule on the stamp', async () => {
    const before = await reviewFolderVerdicts(reviewDir, { report: quiet });
    expect(before.artifacts.map((artifact) => artifact.verdict)).toEqual(
      PACKAGES.map(() => 'unreviewed'),
    );
    // What each package asks a person to decide is its stamp, and nothing else.
    for (const artifact of before.artifacts) {
      expect(artifact.differences.map((difference) => difference.id)).toEqual([
        expect.stringMatching(/ ▸ data\.tar ▸ \.\/usr\/share\/stamp-[a-d]\/build-stamp$/) as string,
      ]);
    }
    // The case the rule used to miss: a .deb member listing that differs only in sizes,
    // now shown as following from the stamp.
    const listings = [];
    for (const artifact of before.artifacts) {
      const saved = await readSavedReport(reportFolder(reviewDir, artifact.key));
      listings.push(...(saved?.nodes ?? []).filter((node) => node.depth === 1 && node.decidable));
    }
    expect(listings.length).toBeGreaterThan(0);
    for (const listing of listings) {
      expect(listing.source1).toBe('file list');
      expect(listing.explainedBy).toEqual([expect.stringMatching(/build-stamp$/) as string]);
    }

    const after = await reviewFolderVerdicts(reviewDir, {
      decide: {
        rule: { by: 'path', pattern: 'usr/share/*/build-stamp' },
        decision: 'accepted',
        comment: 'The build stamp names the build host and hour; nothing else differs.',
      },
      report: quiet,
    });
    expect(after.recorded).toBe(PACKAGES.length);
    expect(after.artifacts.map((artifact) => [artifact.name, artifact.verdict])).toEqual(
      PACKAGES.map((name) => [`${name}_1.0.0_all.deb`, 'approved']),
    );
  }, 300_000);
});

describe('a rule whose pattern is not one', () => {
  it('is refused with the reason, and nothing is recorded', async () => {
    await expect(
      reviewFolderVerdicts(reviewDir, {
        decide: { rule: { by: 'path', pattern: '[[[' }, decision: 'blocking', comment: '' },
        report: quiet,
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringMatching(/is not a path pattern/) as string,
    });
  });
});
