import type { Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDemoRelease,
  expect,
  startServer,
  stop,
  test,
  type DemoRelease,
} from './fixtures/countersignServer';
import { compareWithCli } from './fixtures/reviewRelease';
import {
  countersignIn,
  makeReviewerKey,
  setReviewPolicy,
  type ReviewerKey,
} from './fixtures/reviewerKeys';
import { rebuildWithCli } from './fixtures/savedComparison';
import { watchProblems } from './pageChecks';
import { snapshot } from './screenshots';

const DOC = 'countersign-hello-doc';
const REASON = 'Only the build time in the README differs; harmless.';

/**
 * The demo rebuilt and compared with the CLI, under a review policy of 2 of 2
 * whose reviewers' keys real GnuPG made: reviewer A decides in the UI,
 * reviewer B in a second browser context against their own Countersign home,
 * from a review bundle the release manager exported; B's signed decisions file
 * is imported in the release manager's window.
 */
const testWithReviewers = test.extend<{
  reviewers: { a: ReviewerKey; b: ReviewerKey };
  demo: DemoRelease;
}>({
  reviewers: async ({ home }, use) => {
    await use({
      a: await makeReviewerKey('Ada Reviewer', home),
      b: await makeReviewerKey('Ben Second', home),
    });
  },
  demo: [
    async ({ home, reviewers }, use) => {
      const demo = await createDemoRelease(home);
      await rebuildWithCli(demo.projectFile, home, demo.tags.release);
      await compareWithCli(demo.projectFile, home, demo.tags.release);
      await setReviewPolicy(demo, [reviewers.a, reviewers.b], 2);
      await use(demo);
    },
    { scope: 'test', timeout: 900_000 },
  ],
});

/** Follows the demo's differing package from step 3 into step 4. */
async function openReview(page: Page, tag: string): Promise<void> {
  await expect(page.getByLabel('Tag name')).toHaveValue(tag);
  await expect(page.getByTestId('step-compare')).not.toHaveAttribute('aria-disabled', 'true');
  await page.getByTestId('step-compare').click();
  const row = page.locator(`[data-testid="compare-row"][data-package="${DOC}"]`);
  await expect(row).toHaveAttribute('data-status', 'differs');
  await row.getByRole('button', { name: 'Review differences' }).click();
  await expect(page.getByTestId('step-review')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('review-report')).toHaveAttribute('data-state', 'ready', {
    timeout: 240_000,
  });
}

/** Opens step 5 and waits for a plan made now. */
async function openPlan(page: Page, canPromote: boolean) {
  await page.getByTestId('step-promote').click();
  const plan = page.getByTestId('promote-plan');
  await expect(plan).toHaveAttribute('data-state', 'current', { timeout: 60_000 });
  await expect(plan).toHaveAttribute('data-can-promote', String(canPromote));
  return page.locator(`[data-testid="promote-approval"][data-artifact^="${DOC}_"]`);
}

testWithReviewers.describe('Reviewers as people (browser mode)', () => {
  testWithReviewers(
    'two reviewers approve the demo’s difference, 2 of 2, and the release manager promotes',
    async ({ browser, page, app, demo, home, reviewers }, testInfo) => {
      testWithReviewers.setTimeout(600_000);
      const problems = watchProblems(page);
      const { a, b } = reviewers;
      await page.goto(app.url);
      await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
      await openReview(page, demo.tags.release);

      // No reviewer key yet: reviewer A imports theirs, from its file.
      const keyPanel = page.getByTestId('reviewer-key');
      await expect(keyPanel).toHaveAttribute('data-state', 'none');
      await page.getByTestId('reviewer-key-file').setInputFiles(a.secretKeyFile);
      await expect(page.getByTestId('reviewer-key-text')).toHaveValue(/PRIVATE KEY BLOCK/);
      await page.getByTestId('reviewer-key-import').click();
      await expect(keyPanel).toHaveAttribute('data-state', 'imported');
      await expect(page.getByTestId('reviewer-key-fingerprint')).toHaveAttribute(
        'data-fingerprint',
        a.fingerprint,
      );
      await expect(page.getByTestId('reviewer-key-uid')).toContainText('Ada Reviewer');
      await snapshot(page, testInfo, '01-reviewer-key-imported');

      // The README's difference, accepted: a wrong passphrase first, refused beside the field.
      await page.locator(`[data-testid="review-node"][data-name*="README"]`).click();
      await page.getByTestId('review-comment').fill(REASON);
      const passphrase = page.getByTestId('review-passphrase');
      await expect(passphrase).toHaveAttribute('type', 'password');
      await expect(passphrase).toHaveAttribute('autocomplete', 'off');
      await passphrase.fill('not the passphrase');
      await page.getByTestId('review-accept').click();
      await expect(passphrase).toHaveAttribute('aria-invalid', 'true');
      await expect(page.locator('#review-passphrase-problem')).toBeVisible();
      await expect(passphrase).toHaveValue('');
      await snapshot(page, testInfo, '02-review-wrong-passphrase');

      await passphrase.fill(a.passphrase);
      await page.getByTestId('review-accept').click();
      const decision = page.locator(
        `[data-testid="reviewer-decision"][data-fingerprint="${a.fingerprint}"]`,
      );
      await expect(decision).toHaveAttribute('data-signature', 'valid', { timeout: 60_000 });
      await expect(decision).toHaveAttribute('data-own', 'true');
      await expect(decision).toContainText('Ada Reviewer');
      await expect(decision).toContainText('signature valid');
      await expect(decision).toContainText('your decision');
      await expect(decision).toContainText(REASON);
      await expect(passphrase).toHaveValue('');
      // Every difference accepted, yet one reviewer of two: the list says what is missing.
      await expect(page.getByTestId('review-choice-approvals').first()).toHaveText(
        '1 of 2 approvals — 1 missing',
      );
      await expect(page.getByTestId('review-summary-count')).toHaveText('0 of 1 approved');
      // Nor does the step bar call Review done while an approval is missing.
      await expect(page.getByTestId('step-review')).toHaveAttribute('data-done', 'false');

      // A signs off: the link lists the package and its SHA-256.
      const signOff = page.getByTestId('review-signoff');
      await expect(signOff).toContainText('in-toto-verify');
      await page.getByTestId('review-signoff-passphrase').fill(a.passphrase);
      await page.getByTestId('review-signoff-submit').click();
      await expect(signOff).toHaveAttribute('data-state', 'signed', { timeout: 60_000 });
      await expect(page.getByTestId('review-signoff-product').first()).toContainText(DOC);
      await page.locator(`[data-testid="review-node"][data-name*="README"]`).click();
      await snapshot(page, testInfo, '03-review-signed-decision');
      await page.setViewportSize({ width: 1024, height: 700 });
      await snapshot(page, testInfo, '04-review-signed-decision-1024');
      await page.emulateMedia({ colorScheme: 'dark' });
      await snapshot(page, testInfo, '05-review-signed-decision-dark');
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1280, height: 800 });

      // One approval of two: the plan says so, and refuses the package.
      const approvals = await openPlan(page, true);
      await expect(approvals.getByTestId('promote-approval-count')).toContainText(
        '1 of 2 approvals — 1 missing',
      );
      await expect(approvals.getByTestId('promote-approval-reviewer')).toContainText([
        'Ada Reviewer',
      ]);
      await expect(
        page.locator(`[data-testid="promote-candidate"][data-package="${DOC}"]`),
      ).toHaveAttribute('data-refused', 'true');
      await snapshot(page, testInfo, '06-plan-one-of-two');

      // The release manager exports a review bundle for reviewer B.
      const homeB = await mkdtemp(join(tmpdir(), 'countersign-e2e-b-'));
      const bundleFile = join(homeB, 'hello.review.tar');
      await countersignIn(home, [
        'review',
        'export',
        '--project',
        demo.projectFile,
        '--tag',
        demo.tags.release,
        '--out',
        bundleFile,
      ]);

      // Reviewer B, in a second browser context against their own Countersign home.
      const serverB = await startServer(null, homeB);
      const contextB = await browser.newContext();
      let decisionsFile: string;
      try {
        const pageB = await contextB.newPage();
        const problemsB = watchProblems(pageB);
        await pageB.goto(serverB.app.url);
        await expect(pageB.getByTestId('start-screen')).toBeVisible();
        await pageB.getByTestId('open-bundle-path').fill(bundleFile);
        await pageB.getByTestId('open-bundle').click();
        const bundleView = pageB.getByTestId('bundle-review');
        await expect(bundleView).toBeVisible();
        await expect(pageB.getByTestId('bundle-policy')).toContainText('2 of 2 reviewers');
        await expect(pageB.getByTestId('project-name')).toContainText('review bundle');
        await pageB.getByTestId('reviewer-key-file').setInputFiles(b.secretKeyFile);
        await expect(pageB.getByTestId('reviewer-key-text')).toHaveValue(/PRIVATE KEY BLOCK/);
        await pageB.getByTestId('reviewer-key-import').click();
        await expect(pageB.getByTestId('reviewer-key')).toHaveAttribute('data-state', 'imported');
        await expect(pageB.getByTestId('review-report')).toHaveAttribute('data-state', 'ready', {
          timeout: 60_000,
        });
        // A's signed decision travelled in the bundle, with A's key: B sees it, and what is missing.
        await expect(pageB.getByTestId('review-choice-approvals').first()).toHaveText(
          '1 of 2 approvals — 1 missing',
        );
        await pageB.locator(`[data-testid="review-node"][data-name*="README"]`).click();
        await expect(
          pageB.locator(`[data-testid="reviewer-decision"][data-fingerprint="${a.fingerprint}"]`),
        ).toHaveAttribute('data-signature', 'valid');
        await pageB
          .getByTestId('review-comment')
          .fill('Checked on my own machine: only the build date.');
        await pageB.getByTestId('review-passphrase').fill(b.passphrase);
        await pageB.getByTestId('review-accept').click();
        await expect(
          pageB.locator(`[data-testid="reviewer-decision"][data-fingerprint="${b.fingerprint}"]`),
        ).toHaveAttribute('data-signature', 'valid', { timeout: 60_000 });
        await expect(pageB.getByTestId('review-choice-approvals').first()).toHaveText(
          '2 of 2 approvals',
        );
        await snapshot(pageB, testInfo, '07-bundle-decided-by-b');

        // B writes the signed decisions file beside the bundle.
        const written = pageB.getByTestId('bundle-decisions');
        decisionsFile = await pageB.getByTestId('bundle-decisions-out').inputValue();
        expect(decisionsFile).toBe(join(homeB, 'hello.review.decisions.json'));
        await pageB.getByTestId('bundle-decisions-passphrase').fill(b.passphrase);
        await pageB.getByTestId('bundle-decisions-submit').click();
        await expect(written).toHaveAttribute('data-state', 'written', { timeout: 60_000 });
        await expect(pageB.getByTestId('bundle-decisions-written')).toContainText(decisionsFile);
        await snapshot(pageB, testInfo, '08-bundle-decisions-written');
        expect(problemsB, 'no console errors in reviewer B’s window').toEqual([]);

        // The release manager imports B's file in Review.
        await page.getByTestId('step-review').click();
        await page.getByTestId('review-import-file').setInputFiles(decisionsFile);
        await expect(page.getByTestId('review-import')).toHaveAttribute('data-state', 'imported', {
          timeout: 60_000,
        });
        await expect(page.getByTestId('review-import-status')).toContainText('Ben Second');
        await expect(page.getByTestId('review-choice-approvals').first()).toHaveText(
          '2 of 2 approvals',
        );
        await expect(page.getByTestId('step-review')).toHaveAttribute('data-done', 'true');
        await snapshot(page, testInfo, '09-decisions-imported');
      } finally {
        await contextB.close();
        await stop(serverB.child);
        await rm(homeB, { recursive: true, force: true });
      }

      // Two of two: the plan lets it through, and the release manager promotes.
      await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
      await expect(page.getByTestId('step-promote')).not.toHaveAttribute('aria-disabled', 'true');
      const approved = await openPlan(page, true);
      await expect(approved.getByTestId('promote-approval-count')).toContainText(
        '2 of 2 approvals — none missing',
      );
      await expect(approved.getByTestId('promote-approval-reviewer')).toHaveCount(2);
      await expect(
        page.locator(`[data-testid="promote-candidate"][data-package="${DOC}"]`),
      ).toHaveAttribute('data-refused', 'false');
      await snapshot(page, testInfo, '10-plan-two-of-two');
      await page.getByTestId('promote-passphrase').fill(demo.releaseKey.passphrase);
      await page.getByTestId('promote-passphrase').press('Enter');
      await expect(page.getByTestId('promote-result')).toBeVisible({ timeout: 120_000 });
      await expect(
        page.getByTestId('promote-result').locator(`[data-testid="promote-change"]`),
      ).toContainText([new RegExp(DOC)]);
      await snapshot(page, testInfo, '11-promoted');

      // The expected failure: the engine's refusal (HTTP 422) of the wrong passphrase.
      const unexpected = problems.filter((problem) => !problem.includes('status of 422'));
      expect(unexpected, 'no console errors (CSP violations included)').toEqual([]);
    },
  );
});
