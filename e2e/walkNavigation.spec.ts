import type { Page, TestInfo } from '@playwright/test';
import { expect } from './fixtures/countersignServer';
import { testWithoutCi } from './fixtures/demoWithoutCi';
import { testWithApprovedRelease } from './fixtures/promoteRelease';
import { watchProblems } from './pageChecks';
import { snapshot } from './screenshots';

const STEP_IDS = ['tag', 'rebuild', 'compare', 'review', 'promote', 'verify'] as const;
// Verify is always open: QA checks any apt-prod by URL and public key, without a release.
const LATER_STEPS = ['rebuild', 'compare', 'promote'] as const;

/** Saves the page as it is, then again in the dark theme, and goes back to the light one. */
async function snapshotBothThemes(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await snapshot(page, testInfo, name);
  await page.emulateMedia({ colorScheme: 'dark' });
  await snapshot(page, testInfo, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Every step but the first waits for a verified tag, or none does. */
async function expectLaterSteps(page: Page, open: boolean): Promise<void> {
  for (const step of LATER_STEPS) {
    const tab = page.getByTestId(`step-${step}`);
    if (open) await expect(tab).not.toHaveAttribute('aria-disabled', 'true');
    else await expect(tab).toHaveAttribute('aria-disabled', 'true');
  }
}

testWithoutCi.describe('Moving through a release (browser mode)', () => {
  testWithoutCi(
    'preselects the newest release, keeps it across a reload, and a refused tag locks nothing',
    async ({ page, app, demo }, testInfo) => {
      const problems = watchProblems(page);
      const release = demo.tags.release;
      await page.goto(app.url);
      await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);

      // The newest final release is chosen (not its release candidate, not the outsider's tag).
      await expect(page.getByLabel('Tag name')).toHaveValue(release);
      await expect(page.getByLabel('Project tag')).toHaveValue(release);
      await expectLaterSteps(page, false);
      await snapshotBothThemes(page, testInfo, '01-tag-preselected');

      // Verified: step 1 is marked done in words, and offers the next step.
      await page.getByTestId('verify-button').click();
      await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'verified');
      await expect(page.getByRole('tab', { name: /^Tag\s*Done/ })).toBeVisible();
      const next = page.getByTestId('next-step-button');
      await expect(next).toHaveText(/^Next: Rebuild/);
      await snapshotBothThemes(page, testInfo, '02-tag-done-next');
      await next.click();
      await expect(page.getByTestId('step-rebuild')).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByTestId('step-rebuild')).toBeFocused();

      // A reload reads the release back from its review folder: same tag, same step, steps open.
      await page.reload();
      await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
      await expect(page.getByTestId('step-rebuild')).toHaveAttribute('aria-selected', 'true');
      await expectLaterSteps(page, true);
      await expect(page.getByTestId('rebuild-tag')).toHaveText(release);
      await expect(page.getByRole('tab', { name: /^Tag\s*Done/ })).toBeVisible();
      await snapshotBothThemes(page, testInfo, '03-reloaded-release-kept');

      // An outsider's tag is refused, for that tag only: the verified release stays open.
      await page.getByTestId('step-tag').click();
      await expect(page.getByLabel('Tag name')).toHaveValue(release);
      await page.getByLabel('Project tag').selectOption(demo.tags.untrusted);
      await page.getByTestId('verify-button').click();
      await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'refused');
      await expectLaterSteps(page, true);
      await expect(page.getByTestId('next-step')).toHaveCount(0);
      await snapshotBothThemes(page, testInfo, '04-refused-tag-locks-nothing');
      await page.getByTestId('step-rebuild').click();
      await expect(page.getByTestId('rebuild-tag')).toHaveText(release);

      // Back on the release's own tag, its own verdict shows, not the refused one.
      await page.getByTestId('step-tag').click();
      await page.getByLabel('Project tag').selectOption(release);
      await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'verified');

      // An error alert belongs to its step: leaving the step clears it.
      await page.getByLabel('Tag name').fill('v9.9.9-missing');
      await page.getByTestId('verify-button').click();
      await expect(page.getByRole('tabpanel').getByRole('alert')).toBeVisible();
      await page.getByTestId('step-rebuild').click();
      await page.getByTestId('step-tag').click();
      await expect(page.getByRole('tabpanel').getByRole('alert')).toHaveCount(0);

      const unexpected = problems.filter((problem) => !/status of 4\d\d/.test(problem));
      expect(unexpected, 'no console errors (CSP violations included)').toEqual([]);
    },
  );

  for (const size of [
    { width: 1024, height: 700 },
    { width: 1400, height: 900 },
  ]) {
    testWithoutCi(
      `shows all six steps without a horizontal scroll at ${size.width}×${size.height}`,
      async ({ page, app, demo }, testInfo) => {
        await page.setViewportSize(size);
        await page.goto(app.url);
        await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
        await expect(page.getByLabel('Tag name')).toHaveValue(demo.tags.release);
        await page.getByTestId('verify-button').click();
        await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'verified');

        for (const theme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: theme });
          // Measured in the page (this project's e2e code has no DOM types).
          const fits = await page.evaluate<{ bar: boolean; list: boolean; page: boolean }>(`(() => {
            const bar = document.querySelector('nav[aria-label="Release steps"]');
            const list = bar && bar.querySelector('[role="tablist"]');
            const root = document.documentElement;
            return {
              bar: !!bar && bar.scrollWidth <= bar.clientWidth,
              list: !!list && list.scrollWidth <= list.clientWidth,
              page: root.scrollWidth <= root.clientWidth,
            };
          })()`);
          expect(fits).toEqual({ bar: true, list: true, page: true });
          for (const step of STEP_IDS) {
            const box = await page.getByTestId(`step-${step}`).boundingBox();
            expect(box, `${step} is laid out`).not.toBeNull();
            expect(box!.x).toBeGreaterThanOrEqual(0);
            expect(box!.x + box!.width, `${step} ends inside the window`).toBeLessThanOrEqual(
              size.width,
            );
          }
          await snapshot(page, testInfo, `05-step-bar-${size.width}x${size.height}-${theme}`);
        }
      },
    );
  }

  testWithoutCi(
    'closes the Jobs drawer with Escape and lists a repeated job once',
    async ({ page, app, demo }, testInfo) => {
      await page.goto(app.url);
      await expect(page.getByLabel('Tag name')).toHaveValue(demo.tags.release);
      const verdict = page.getByTestId('tag-verdict');
      for (let run = 0; run < 3; run += 1) {
        await page.getByTestId('verify-button').click();
        await expect(verdict).toHaveAttribute('data-verdict', 'verified');
      }

      const toggle = page.getByTestId('job-drawer-toggle');
      await toggle.click();
      const drawer = page.getByTestId('job-drawer');
      await expect(drawer).toBeVisible();
      const cards = drawer.locator(
        `[data-testid="job-card"][data-job-kind="verify-tag"]:has-text("Verify tag ${demo.tags.release}")`,
      );
      await expect(cards).toHaveCount(1);
      await expect(cards.getByTestId('job-card-runs')).toHaveText('3 runs, latest shown');
      await snapshotBothThemes(page, testInfo, '06-jobs-one-entry');

      // Escape, with focus on the toggle (not in the drawer), closes it; focus stays on the toggle.
      await expect(toggle).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(drawer).toBeHidden();
      await expect(toggle).toBeFocused();
      await snapshot(page, testInfo, '07-jobs-closed');
    },
  );
});

testWithApprovedRelease.describe(
  'A publication that reads as one (browser mode, real Docker)',
  () => {
    testWithApprovedRelease.describe.configure({ timeout: 300_000 });

    testWithApprovedRelease(
      'shows the promotion result first and says calmly that nothing is left to publish',
      async ({ page, app, demo }, testInfo) => {
        const problems = watchProblems(page);
        await page.goto(app.url);
        await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);

        // Rebuilt, compared and reviewed with the CLI: the release opens with those steps done.
        await expect(page.getByLabel('Tag name')).toHaveValue(demo.tags.release);
        await expectLaterSteps(page, true);
        for (const step of ['Tag', 'Rebuild', 'Compare', 'Review']) {
          await expect(
            page.getByRole('tab', { name: new RegExp(`^${step}\\s*Done`) }),
          ).toBeVisible();
        }
        await expect(page.getByTestId('step-promote')).not.toHaveAttribute('data-done', 'true');

        await page.getByTestId('step-promote').click();
        const plan = page.getByTestId('promote-plan');
        await expect(plan).toHaveAttribute('data-state', 'current', { timeout: 60_000 });
        await expect(plan).toHaveAttribute('data-can-promote', 'true');
        await page.getByTestId('promote-passphrase').fill(demo.releaseKey.passphrase);
        await page.getByTestId('promote-publish-confirm').click();

        // The result leads the step, in view and focused.
        const result = page.getByTestId('promote-result');
        await expect(result).toBeVisible({ timeout: 120_000 });
        await expect(page.getByRole('heading', { name: 'Published', exact: true })).toBeFocused();
        await expect(result).toBeInViewport();
        const first = await page.locator('.promote-step > *').first().getAttribute('data-testid');
        expect(first).toBe('promote-result');

        // The plan made again: nothing left, said as a status, never as an alert or a blocker.
        await expect(plan).toHaveAttribute('data-state', 'current', { timeout: 60_000 });
        const nothingLeft = page.getByTestId('promote-nothing-left');
        await expect(nothingLeft).toHaveAttribute('role', 'status');
        await expect(nothingLeft).toContainText('Nothing left to publish');
        await expect(page.getByTestId('promote-blockers')).toHaveCount(0);
        await expect(page.getByRole('alert')).toHaveCount(0);
        await expect(page.getByTestId('promote-publish-why')).toContainText(
          'Nothing left to publish',
        );

        // Step 5 is marked done and leads on to step 6.
        await expect(page.getByRole('tab', { name: /^Promote\s*Done/ })).toBeVisible();
        await expect(page.getByTestId('next-step-button')).toHaveText(/^Next: Verify/);
        await snapshotBothThemes(page, testInfo, '08-promote-result-first');

        // Planning again and again leaves one entry in the Jobs drawer.
        for (let run = 0; run < 3; run += 1) {
          await page.getByTestId('promote-replan').click();
          await expect(plan).toHaveAttribute('data-state', 'current', { timeout: 60_000 });
        }
        await page.getByTestId('job-drawer-toggle').click();
        const plans = page
          .getByTestId('job-drawer')
          .locator('[data-testid="job-card"][data-job-kind="promote-plan"]');
        await expect(plans).toHaveCount(1);
        await snapshotBothThemes(page, testInfo, '09-promote-jobs-one-plan');
        await page.keyboard.press('Escape');
        await expect(page.getByTestId('job-drawer')).toBeHidden();

        // A reload keeps the published release, on the same step.
        await page.reload();
        await expect(page.getByTestId('step-promote')).toHaveAttribute('aria-selected', 'true');
        await expect(page.getByRole('tab', { name: /^Promote\s*Done/ })).toBeVisible();
        await expect(page.getByTestId('step-verify')).not.toHaveAttribute('aria-disabled', 'true');
        await expect(page.getByTestId('promote-nothing-left')).toBeVisible({ timeout: 60_000 });
        await snapshotBothThemes(page, testInfo, '10-promote-after-reload');

        expect(problems, 'no console errors (CSP violations included)').toEqual([]);
      },
    );
  },
);
