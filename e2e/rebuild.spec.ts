import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/countersignServer';
import { tabTo } from './keyboard';
import { watchProblems } from './pageChecks';
import { snapshot } from './screenshots';

/** Verifies the demo's release tag in step 1 and opens step 2 with the keyboard. */
async function openRebuildStep(page: Page, tag: string): Promise<void> {
  const rebuildTab = page.getByTestId('step-rebuild');
  await expect(rebuildTab).toHaveAttribute('aria-disabled', 'true');
  await expect(rebuildTab).toContainText('Verify the tag first');

  await page.getByLabel('Tag name').fill(tag);
  await page.getByLabel('Tag name').press('Enter');
  await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'verified');
  await expect(rebuildTab).not.toHaveAttribute('aria-disabled', 'true');
  await expect(rebuildTab).toContainText('Rebuild from the tagged source');

  await tabTo(page, page.getByTestId('step-tag'), { backwards: true });
  await page.keyboard.press('ArrowRight');
  await expect(rebuildTab).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rebuildTab).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('rebuild-tag')).toHaveText(tag);
  // Step 6 opens with the verified tag too.
  await expect(page.getByTestId('step-verify')).toContainText('Trace every published file');
}

test.describe('Step 2, Rebuild (browser mode against `countersign serve`, real Docker)', () => {
  test('rebuilds the verified release twice and finds it reproducible', async ({
    page,
    app,
    demo,
  }, testInfo) => {
    test.setTimeout(300_000);
    const problems = watchProblems(page);

    await page.goto(app.url);
    await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
    await openRebuildStep(page, demo.tags.release);

    await expect(page.getByTestId('rebuild-commit')).toHaveText(/^[0-9a-f]{40}$/);
    await expect(page.getByTestId('recipe-base')).toContainText('bootstrapped');
    await expect(page.getByTestId('recipe-image')).toHaveText(/\S/);
    await snapshot(page, testInfo, '01-rebuild-ready');

    // Keyboard only: tick the reproducibility check, then start.
    const check = page.getByLabel('Check reproducibility (build twice, varied)');
    await tabTo(page, check);
    await page.keyboard.press('Space');
    await expect(check).toBeChecked();
    await tabTo(page, page.getByTestId('rebuild-button'));
    await page.keyboard.press('Enter');

    const phases = page.getByTestId('rebuild-phases');
    await expect(phases).toHaveAttribute('data-state', 'running');
    await expect(page.getByTestId('cancel-rebuild')).toBeVisible();
    await expect(phases).toHaveAttribute('data-phase', /install build deps|build|collect/, {
      timeout: 120_000,
    });
    await expect(phases.locator('[aria-current="step"]')).toHaveCount(1);
    await expect(page.getByTestId('rebuild-log-line').first()).toBeVisible();
    await expect
      .poll(() => page.getByTestId('rebuild-log-line').count(), { timeout: 60_000 })
      .toBeGreaterThan(5);
    await snapshot(page, testInfo, '02-rebuild-running');

    // The second, varied build starts the phases over.
    await expect(phases).toHaveAttribute('data-build', '2', { timeout: 240_000 });

    const result = page.getByTestId('rebuild-result');
    await expect(result).toBeVisible({ timeout: 240_000 });
    await expect(phases).toHaveAttribute('data-state', 'succeeded');
    await expect(page.getByTestId('cancel-rebuild')).toHaveCount(0);
    const deb = result.locator(
      '[data-testid="artifact"][data-name="countersign-hello_1.0.0_all.deb"]',
    );
    await expect(deb).toHaveCount(1);
    await expect(deb.locator('code')).toHaveText(/^[0-9a-f]{64}$/);
    const verdict = page.getByTestId('reproducibility');
    await expect(verdict).toHaveAttribute('data-reproducible', 'true');
    await expect(verdict).toContainText('Reproducible');
    await expect(page.getByTestId('rebuild-source-date-epoch').first()).toHaveText(/^\d+$/);
    await expect(page.getByTestId('past-rebuild')).toHaveCount(2);

    // The search keeps only matching lines and marks the match.
    const search = page.getByLabel('Search the log');
    await search.fill('dpkg-deb');
    await expect(page.getByTestId('rebuild-log-line').first()).toContainText('dpkg-deb');
    await expect(page.locator('.rebuild-log__match').first()).toHaveText('dpkg-deb');
    await snapshot(page, testInfo, '03-rebuild-reproducible');

    // Dark theme, same result.
    await page.emulateMedia({ colorScheme: 'dark' });
    await search.fill('');
    await snapshot(page, testInfo, '04-rebuild-dark');

    expect(problems, 'no console errors (CSP violations included)').toEqual([]);
  });

  test('cancels a rebuild during the build: nothing is shown as built', async ({
    page,
    app,
    demo,
  }, testInfo) => {
    test.setTimeout(240_000);
    await page.goto(app.url);
    await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
    await openRebuildStep(page, demo.tags.release);

    await page.getByTestId('rebuild-button').click();
    const phases = page.getByTestId('rebuild-phases');
    await expect(phases).toHaveAttribute('data-phase', 'build', { timeout: 180_000 });
    await page.getByTestId('cancel-rebuild').click();

    await expect(page.getByTestId('rebuild-cancelled')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('rebuild-cancelled')).toContainText('cancelled');
    await expect(phases).toHaveAttribute('data-state', 'cancelled');
    await expect(page.getByTestId('rebuild-result')).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByTestId('past-rebuild')).toHaveCount(0);
    await snapshot(page, testInfo, '05-rebuild-cancelled');
  });
});
