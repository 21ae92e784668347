import type { Page, TestInfo } from '@playwright/test';
import { expect, test as demoTest, type DemoRelease } from './fixtures/countersignServer';
import { testWithApprovedRelease as test } from './fixtures/promoteRelease';
import { rebuildWithCli } from './fixtures/savedComparison';
import { watchProblems } from './pageChecks';
import { snapshot } from './screenshots';

/** What every step calls a package CI published that the rebuild did not make. */
const CI_ONLY = 'built by CI from no source the rebuild made';

/** The demo's package only CI built (countersign-hello-telemetry). */
function ciOnlyPackage(demo: DemoRelease): string {
  if (!demo.ci) throw new Error('This spec needs the demo made with CI (Docker).');
  return demo.ci.onlyCi.split('_')[0] ?? demo.ci.onlyCi;
}

/**
 * A screenshot of what is on screen as it is, then at 1024×700 in the light
 * and the dark theme; the page is left as it was found.
 */
async function shots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const size = page.viewportSize();
  await snapshot(page, testInfo, name);
  await page.setViewportSize({ width: 1024, height: 700 });
  await snapshot(page, testInfo, `${name}-1024`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await snapshot(page, testInfo, `${name}-1024-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
  if (size) await page.setViewportSize(size);
}

/** Verifies `tag` in step 1 (again, if the page opened on it) and opens a later step. */
async function verifyAndOpen(page: Page, tag: string, step: string): Promise<void> {
  await page.getByLabel('Tag name').fill(tag);
  await page.getByLabel('Tag name').press('Enter');
  await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'verified');
  await expect(page.getByTestId('tag-verdict')).toContainText(tag);
  await page.getByTestId(`step-${step}`).click();
  await expect(page.getByTestId(`step-${step}`)).toHaveAttribute('aria-selected', 'true');
}

test.describe('What only CI built (browser mode against `countersign serve`)', () => {
  test.describe.configure({ timeout: 300_000 });

  test('is raised as a warning in Compare, Review and the plan, with its contents, and every step counts the same', async ({
    page,
    app,
    demo,
  }, testInfo) => {
    const problems = watchProblems(page);
    const telemetry = ciOnlyPackage(demo);
    const tag = demo.tags.release;
    await page.goto(app.url);
    await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);

    // Compare: a warning block of its own, above the counts, naming the package.
    await verifyAndOpen(page, tag, 'compare');
    const warning = page.getByTestId('ci-only-warning');
    await expect(warning).toBeVisible();
    await expect(warning).toHaveAttribute('data-count', '1');
    await expect(warning.getByRole('heading')).toContainText(`1 package ${CI_ONLY}`);
    await expect(warning).toContainText('never approved and never promoted');
    const item = warning.locator(`[data-testid="ci-only-item"][data-package="${telemetry}"]`);
    await expect(item).toContainText(`${telemetry} 1.0.0 all`);
    const verdict = page.getByTestId('compare-verdict');
    await expect(verdict).toHaveText(/2 artifacts need review: 1 built only by CI, 1 differs/);
    await expect(verdict).toHaveAttribute('data-needs-review', '2');
    await expect(page.getByTestId('compare-count-only-ci')).toHaveAttribute('data-count', '1');
    await expect(page.getByTestId('compare-count-differs')).toHaveAttribute('data-count', '1');
    await shots(page, testInfo, '01-compare-ci-only-warning');

    // Review: the package has its own page, with what it holds read by the engine.
    await item.getByRole('button', { name: 'Inspect its contents' }).click();
    await expect(page.getByTestId('step-review')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('review-artifact-name')).toContainText(telemetry);
    await expect(page.getByTestId('review-artifact')).toHaveAttribute('data-status', 'only-ci');
    await expect(page.getByTestId('review-ci-only-warning')).toContainText(
      `This package was ${CI_ONLY}.`,
    );
    const contents = page.getByTestId('artifact-contents');
    await expect(contents).toHaveAttribute('data-state', 'read');
    await expect(
      contents.locator('[data-testid="control-field"][data-name="Package"]'),
    ).toContainText(telemetry);
    await expect(
      contents.locator('[data-testid="control-field"][data-name="Source"]'),
    ).toContainText('countersign-hello');
    await expect(
      contents.locator('[data-testid="control-field"][data-name="Maintainer"]'),
    ).toContainText('CI Robot');
    await expect(page.getByTestId('contents-scripts')).toContainText('No maintainer scripts');
    const files = page.getByTestId('contents-files').getByTestId('contents-entry');
    await expect(
      files.filter({ hasText: `usr/share/doc/${telemetry}/README` }).first(),
    ).toBeVisible();
    // The same counts as Compare, and both kinds listed: the differing package and the CI-only one.
    const counts = page.getByTestId('review-counts');
    await expect(counts).toHaveText('2 artifacts need review: 1 built only by CI, 1 differs');
    await expect(counts).toHaveAttribute('data-needs-review', '2');
    await expect(page.getByTestId('review-choice')).toHaveCount(1);
    await expect(page.getByTestId('review-ci-only-choice')).toHaveCount(1);
    await expect(page.getByTestId('review-ci-only-choice')).toHaveAttribute('aria-current', 'true');
    await expect(page.getByTestId('review-summary-count')).toHaveText('1 of 1 approved');
    await shots(page, testInfo, '02-review-ci-only-contents');

    // Choosing it from the list (after the differing one) leads back to the same page, never an empty one.
    await page.getByTestId('review-choice').click();
    await expect(page.getByTestId('review-artifact-name')).toContainText('countersign-hello-doc');
    await page.getByTestId('review-ci-only-choice').click();
    await expect(page.getByTestId('review-artifact-name')).toContainText(telemetry);
    await expect(page.getByTestId('artifact-contents')).toHaveAttribute('data-state', 'read');

    // The plan: refused, in the same words, and never selected.
    await page.getByTestId('step-promote').click();
    const plan = page.getByTestId('promote-plan');
    await expect(plan).toHaveAttribute('data-state', 'current', { timeout: 60_000 });
    const refused = page.locator(`[data-testid="promote-candidate"][data-package="${telemetry}"]`);
    await expect(refused).toHaveAttribute('data-refused', 'true');
    await expect(refused).toHaveAttribute('data-selected', 'false');
    await expect(refused.getByTestId('promote-choose')).toBeDisabled();
    await expect(refused.getByTestId('promote-candidate-evidence')).toContainText(CI_ONLY);
    await expect(refused.locator('[data-code="NOT_REBUILT"]')).toContainText(
      new RegExp(CI_ONLY, 'i'),
    );
    await expect(refused.locator('[data-code="NOT_REBUILT"]')).toContainText('never promoted');
    await refused.scrollIntoViewIfNeeded();
    await shots(page, testInfo, '03-plan-ci-only-refused');

    expect(problems, 'no console errors (CSP violations included)').toEqual([]);
  });
});

demoTest.describe('A tag whose version apt-test does not hold', () => {
  demoTest.describe.configure({ timeout: 600_000 });

  demoTest(
    'says plainly that CI did not publish the release candidate',
    async ({ page, app, demo, home }, testInfo) => {
      const problems = watchProblems(page);
      const rc = demo.tags.rc;
      // The RC is rebuilt (real Docker); apt-test holds only CI's build of 1.0.0.
      await rebuildWithCli(demo.projectFile, home, rc);
      await page.goto(app.url);
      await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
      await verifyAndOpen(page, rc, 'compare');
      await page.getByTestId('compare-button').click();
      const verdict = page.getByTestId('compare-verdict');
      await expect(verdict).toBeVisible({ timeout: 180_000 });
      await expect(verdict).toHaveAttribute('data-verdict', 'version-mismatch');
      await expect(verdict).toHaveText(
        /apt-test holds countersign-hello 1\.0\.0; this tag builds 1\.0\.0~rc1: CI did not publish this release\./,
      );
      // Nothing CI built is listed as if it were this release's.
      await expect(page.getByTestId('ci-only-warning')).toHaveCount(0);
      await expect(page.getByTestId('compare-count-only-ci')).toHaveAttribute('data-count', '0');
      await shots(page, testInfo, '04-compare-rc-version-mismatch');

      expect(problems, 'no console errors (CSP violations included)').toEqual([]);
    },
  );
});
