import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Page, TestInfo } from '@playwright/test';
import { buildInfoSchema } from '../shared/rebuild';
import { expect, type DemoRelease } from './fixtures/countersignServer';
import { createDemoWithoutCi, testWithoutCi } from './fixtures/demoWithoutCi';
import { compareWithCli } from './fixtures/reviewRelease';
import { watchProblems } from './pageChecks';
import { snapshot } from './screenshots';

/**
 * Issue 16, point 7: the review walked as a release manager would, on a
 * package like the demo's whose one real difference is a stamped file. Its
 * md5sums and its member listings differ only because of the stamp: the
 * review opens on the stamp, says which side is CI's and which the
 * rebuild's, says when j or n has nowhere to go, and refuses a rule pattern
 * that is not one. Each point is photographed as it is, at 1024×700 and in
 * the dark theme. No Docker: both packages are built here with dpkg-deb.
 */

const run = promisify(execFile);
const PACKAGE = 'stamped-doc';
const DEB = `${PACKAGE}_1.0.0_all.deb`;
const STAMP = `./usr/share/doc/${PACKAGE}/build-stamp`;

/** One side's package: the stamp (its length differs between sides, as a host name does) and md5sums. */
async function buildStampedDeb(work: string, side: 'ci' | 'local', out: string): Promise<void> {
  const root = join(work, `${side}-root`);
  const files: Record<string, string> = {
    [`usr/share/doc/${PACKAGE}/README`]: 'The same on both sides.\n',
    [`usr/share/doc/${PACKAGE}/build-stamp`]:
      side === 'ci'
        ? 'Built 2026-02-01 11:00 UTC on ci-runner-17.build.example.org\n'
        : 'Built 2026-02-01 10:00 UTC on rebuild\n',
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  await mkdir(join(root, 'DEBIAN'), { recursive: true });
  await writeFile(
    join(root, 'DEBIAN', 'control'),
    [
      `Package: ${PACKAGE}`,
      'Version: 1.0.0',
      'Architecture: all',
      'Maintainer: Dana Maintainer <dana@example.org>',
      'Description: documentation with a build stamp',
      '',
    ].join('\n'),
  );
  const md5 = (text: string) => createHash('md5').update(text).digest('hex');
  await writeFile(
    join(root, 'DEBIAN', 'md5sums'),
    Object.keys(files)
      .sort()
      .map((path) => `${md5(files[path] ?? '')}  ${path}\n`)
      .join(''),
  );
  await chmod(root, 0o755);
  await run('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', root, out], {
    timeout: 60_000,
    // Same dates on both sides, as a reproducible build has: only the stamp differs.
    env: { ...process.env, SOURCE_DATE_EPOCH: '1769940000' },
  });
}

/**
 * A demo release (without CI) whose one package carries a stamped file: CI's
 * copy in the folder project.json's `ci.source` names, the rebuild's in the
 * release's review folder with its buildinfo.json, as a rebuild leaves it.
 */
async function makeStampedRelease(home: string, demo: DemoRelease): Promise<void> {
  const tag = demo.tags.release;
  const work = join(home, 'stamped-build');
  const ciDir = join(demo.dir, 'ci-artifacts');
  const rebuildDir = join(home, 'reviews', demo.projectId, tag, 'rebuild');
  await mkdir(ciDir, { recursive: true });
  await mkdir(join(rebuildDir, 'artifacts'), { recursive: true });
  await mkdir(work, { recursive: true });
  await buildStampedDeb(work, 'ci', join(ciDir, DEB));
  const localDeb = join(rebuildDir, 'artifacts', DEB);
  await buildStampedDeb(work, 'local', join(work, DEB));
  await copyFile(join(work, DEB), localDeb);

  const project = JSON.parse(await readFile(demo.projectFile, 'utf8')) as Record<string, unknown>;
  project.ci = { source: 'ci-artifacts', repositoryKeys: [] };
  await writeFile(demo.projectFile, `${JSON.stringify(project, null, 2)}\n`);

  const bytes = await readFile(localDeb);
  const now = new Date().toISOString();
  const buildInfo = buildInfoSchema.parse({
    tag,
    commit: '0'.repeat(40),
    image: { reference: 'countersign/base:e2e', id: `sha256:${'0'.repeat(64)}` },
    recipe: {
      base: { kind: 'bootstrap', suite: 'bookworm', packages: [] },
      preset: 'debian',
      artifacts: ['*.deb'],
      env: {},
    },
    sourceDateEpoch: 1_769_940_000,
    environment: { SOURCE_DATE_EPOCH: '1769940000', TZ: 'UTC' },
    buildPath: '/build/src',
    tools: { countersign: 'e2e' },
    startedAt: now,
    finishedAt: now,
    artifacts: [
      { name: DEB, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length },
    ],
  });
  await writeFile(join(rebuildDir, 'buildinfo.json'), JSON.stringify(buildInfo, null, 2));
}

/** The usual fixtures, with the stamped release compared before the server starts. */
const testWithStampedRelease = testWithoutCi.extend<{ demo: DemoRelease }>({
  demo: async ({ home }, use) => {
    const demo = await createDemoWithoutCi(home);
    await makeStampedRelease(home, demo);
    await compareWithCli(demo.projectFile, home, demo.tags.release);
    await use(demo);
  },
});

/** The window as the walk photographs it: as tested, small, and small in the dark. */
const LOOKS = [
  { suffix: '', viewport: { width: 1360, height: 900 }, colorScheme: 'light' },
  { suffix: '-1024x700', viewport: { width: 1024, height: 700 }, colorScheme: 'light' },
  { suffix: '-1024x700-dark', viewport: { width: 1024, height: 700 }, colorScheme: 'dark' },
] as const;

/** Photographs the page as it is in each look, then puts the first look back. */
async function snapshotLooks(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const look of LOOKS) {
    await page.setViewportSize(look.viewport);
    await page.emulateMedia({ colorScheme: look.colorScheme });
    await snapshot(page, testInfo, `${name}${look.suffix}`);
  }
  await page.setViewportSize(LOOKS[0].viewport);
  await page.emulateMedia({ colorScheme: LOOKS[0].colorScheme });
}

const selectedNode = (page: Page) =>
  page.locator('[data-testid="review-node"][aria-selected="true"]');

testWithStampedRelease(
  'opens on the real difference, names both sides, answers every key, refuses a bad pattern',
  async ({ page, app, demo }, testInfo) => {
    testWithStampedRelease.setTimeout(300_000);
    const problems = watchProblems(page);
    await page.goto(app.url);
    await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
    await page.getByLabel('Tag name').fill(demo.tags.release);
    await page.getByLabel('Tag name').press('Enter');
    await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'verified');
    await page.getByTestId('step-compare').click();
    const row = page.locator(`[data-testid="compare-row"][data-package="${PACKAGE}"]`);
    await expect(row).toHaveAttribute('data-status', 'differs');
    await row.getByRole('button', { name: 'Review differences' }).click();
    await expect(page.getByTestId('review-artifact-name')).toContainText(PACKAGE);
    await expect(page.getByTestId('review-report')).toHaveAttribute('data-state', 'ready', {
      timeout: 240_000,
    });

    // 1. It opens on the stamp: what explains the md5sums and the member listings.
    const selected = selectedNode(page);
    await expect(selected).toHaveAttribute('data-name', STAMP);
    await expect(page.getByTestId('review-detail-title')).toContainText('build-stamp');
    // One difference to decide; the md5sums and the .deb's listing follow from it.
    await expect(page.getByTestId('review-count-all')).toHaveAttribute('data-count', '1');
    const md5sums = page.locator('[data-testid="review-node"][data-name="./md5sums"]').last();
    await expect(md5sums).toHaveAttribute('data-explained', 'true');
    await expect(md5sums).toContainText(/follows from .*build-stamp/);
    const debListing = page.locator('[data-testid="review-node"][data-name="file list"]').first();
    await expect(debListing).toHaveAttribute('data-explained', 'true');
    await expect(debListing).toContainText(/follows from .*build-stamp/);
    await snapshotLooks(page, testInfo, '01-opens-on-the-stamp');

    // 2. Both sides named, in both layouts, with one colour per side in both.
    const diff = page.getByTestId('review-diff');
    const ciSide = page.getByTestId('review-diff-side-ci');
    const localSide = page.getByTestId('review-diff-side-local');
    await expect(ciSide).toContainText('CI (ci-artifacts)');
    await expect(ciSide).toContainText('red');
    await expect(localSide).toContainText('Rebuild (this machine)');
    await expect(localSide).toContainText('green');
    await expect(diff.locator('td.d2h-del .d2h-code-line-ctn')).toContainText('ci-runner-17');
    // The page's own getComputedStyle, typed here without the DOM library (this file runs in Node).
    const colourOf = (selector: string) =>
      diff
        .locator(selector)
        .first()
        .evaluate((cell) => {
          const scope = globalThis as unknown as {
            getComputedStyle: (element: unknown) => { backgroundColor: string };
          };
          return scope.getComputedStyle(cell).backgroundColor;
        });
    const lineByLine = { del: await colourOf('td.d2h-del'), ins: await colourOf('td.d2h-ins') };
    await snapshotLooks(page, testInfo, '02-sides-line-by-line');
    await page.keyboard.press('v');
    await expect(diff).toHaveAttribute('data-layout', 'side-by-side');
    await expect(ciSide).toContainText('(left, red)');
    await expect(localSide).toContainText('(right, green)');
    expect({ del: await colourOf('td.d2h-del'), ins: await colourOf('td.d2h-ins') }).toEqual(
      lineByLine,
    );
    await snapshotLooks(page, testInfo, '02-sides-side-by-side');
    await page.keyboard.press('v');
    await expect(diff).toHaveAttribute('data-layout', 'line-by-line');

    // 3. j on the last difference says so, politely and visibly.
    const notice = page.getByTestId('review-announcement');
    await expect(notice).toHaveAttribute('aria-live', 'polite');
    await selected.focus();
    await page.keyboard.press('End');
    const last = await selected.getAttribute('data-name');
    await page.keyboard.press('j');
    await expect(notice).toHaveText('Last difference: there is none after it.');
    await expect(notice).toBeVisible();
    await expect(selected).toHaveAttribute('data-name', last ?? '');
    await snapshotLooks(page, testInfo, '03-j-at-the-end');

    // 4. A rule pattern that is not one is refused beside the field, not matched against nothing.
    await page.getByTestId('review-open-rule').click();
    const pattern = page.getByTestId('review-rule-pattern');
    await pattern.fill('[[[');
    await expect(pattern).toHaveAttribute('aria-invalid', 'true');
    const note = page.locator(`#${await pattern.getAttribute('aria-describedby')}`);
    await expect(note).toContainText('"[[[" is not a path pattern');
    await expect(note).toBeVisible();
    await expect(page.getByTestId('review-rule-accept')).toHaveAttribute('aria-disabled', 'true');
    await snapshotLooks(page, testInfo, '04-invalid-pattern');
    // Written as a pattern, it selects the stamp, and accepting it approves the package.
    await pattern.fill('usr/share/doc/*/build-stamp');
    await expect(pattern).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('review-rule-count')).toHaveAttribute('data-count', '1');
    await page
      .getByTestId('review-rule-comment')
      .fill('The build stamp names the build host and hour; nothing else differs.');
    await page.getByTestId('review-rule-accept').click();
    await expect(page.getByTestId('review-verdict')).toHaveAttribute('data-verdict', 'approved');

    // 3 again. n with nothing left to decide says so.
    await selected.focus();
    await page.keyboard.press('n');
    await expect(notice).toHaveText('No undecided difference left.');
    await expect(notice).toBeVisible();
    await snapshotLooks(page, testInfo, '05-n-with-nothing-left');
    expect(problems, 'no console errors (CSP violations included)').toEqual([]);
  },
);
