import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/countersignServer';
import { watchProblems } from './pageChecks';
import { snapshot } from './screenshots';

/** The package name of a demo .deb file name ("countersign-hello-doc_1.0.0_all.deb"). */
const packageOf = (debName: string) => debName.split('_')[0] ?? debName;

/** Opens a step by its tab, once it is available. */
async function openStep(page: Page, step: string): Promise<void> {
  const tab = page.getByTestId(`step-${step}`);
  await expect(tab).not.toHaveAttribute('aria-disabled', 'true');
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

test.describe('A whole release, as a person clicks it (browser mode, real Docker)', () => {
  test('takes the demo release from its tag to a verified apt-prod', async ({
    page,
    app,
    demo,
  }, testInfo) => {
    test.setTimeout(600_000);
    if (!demo.ci) throw new Error('This spec needs the demo made with CI (Docker).');
    const differing = packageOf(demo.ci.differs);
    const tag = demo.tags.release;
    const problems = watchProblems(page);

    // Step 1: verify the tag.
    await page.goto(app.url);
    await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
    await page.getByLabel('Tag name').fill(tag);
    await page.getByTestId('verify-button').click();
    await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'verified');
    await snapshot(page, testInfo, '01-tag');

    // Step 2: rebuild from the tagged source.
    await openStep(page, 'rebuild');
    await expect(page.getByTestId('rebuild-tag')).toHaveText(tag);
    await page.getByTestId('rebuild-button').click();
    await expect(page.getByTestId('rebuild-result')).toBeVisible({ timeout: 300_000 });
    await snapshot(page, testInfo, '02-rebuild');

    // Step 3: compare CI's artifacts with the rebuild.
    await openStep(page, 'compare');
    await page.getByTestId('compare-button').click();
    await expect(page.getByTestId('compare-result')).toBeVisible({ timeout: 180_000 });
    const row = page.locator(`[data-testid="compare-row"][data-package="${differing}"]`);
    await expect(row).toHaveAttribute('data-status', 'differs');
    await snapshot(page, testInfo, '03-compare');

    // Step 4: open the differing package and accept its one difference with a reason.
    await row.getByRole('button', { name: 'Review differences' }).click();
    await expect(page.getByTestId('step-review')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('review-artifact-name')).toContainText(differing);
    await expect(page.getByTestId('review-report')).toHaveAttribute('data-state', 'ready', {
      timeout: 240_000,
    });
    const verdict = page.getByTestId('review-verdict');
    await expect(verdict).toHaveAttribute('data-verdict', 'unreviewed');
    await page.getByTestId('review-artifact-name').focus();
    await page.keyboard.press('n');
    await expect(page.locator('[data-testid="review-node"][aria-selected="true"]')).toHaveAttribute(
      'data-status',
      'unreviewed',
    );
    await page.keyboard.press('a');
    const comment = page.getByTestId('review-comment');
    await expect(comment).toBeFocused();
    await comment.fill('Only the build time in the README differs; harmless.');
    await page.keyboard.press('Enter');
    await expect(verdict).toHaveAttribute('data-verdict', 'approved');
    await snapshot(page, testInfo, '04-review');

    // Step 5: plan, then sign with the demo's passphrase and publish.
    await openStep(page, 'promote');
    const plan = page.getByTestId('promote-plan');
    await expect(plan).toHaveAttribute('data-state', 'current', { timeout: 60_000 });
    await expect(plan).toHaveAttribute('data-can-promote', 'true');
    await page.getByTestId('promote-passphrase').fill(demo.releaseKey.passphrase);
    await page.getByTestId('promote-publish-confirm').click();
    await expect(page.getByTestId('promote-result')).toBeVisible({ timeout: 120_000 });
    await snapshot(page, testInfo, '05-promote');

    // Step 6: verify what apt-prod serves.
    await openStep(page, 'verify');
    await page.getByTestId('verify-repo-button').click();
    const result = page.getByTestId('verify-repo-verdict');
    await expect(result).toHaveAttribute('data-status', 'verified', { timeout: 120_000 });
    const packages = page.getByTestId('verify-repo-package');
    await expect(packages).toHaveCount(2);
    for (const item of await packages.all()) {
      await expect(item).toHaveAttribute('data-status', 'verified');
    }
    await expect(page.getByTestId('verify-repo-attestations')).toHaveAttribute(
      'data-status',
      'verified',
    );
    await expect(page.locator('[data-testid="audit-entry"][data-kind="verification"]')).toHaveCount(
      1,
      { timeout: 30_000 },
    );
    await expect(page.getByTestId('audit-chain')).toHaveAttribute('data-intact', 'true');
    await expect(page.getByTestId('audit-head')).toHaveAttribute('data-state', 'verified');
    await snapshot(page, testInfo, '06-verify');

    expect(problems).toEqual([]);
  });
});
