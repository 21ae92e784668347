import type { Page } from '@playwright/test';
import { expect, type DemoRelease } from './fixtures/countersignServer';
import { promoteWithCli, testWithApprovedRelease } from './fixtures/promoteRelease';
import { tabTo } from './keyboard';
import { watchProblems } from './pageChecks';
import { snapshot } from './screenshots';

/** The approved release, published to apt-prod with the CLI before the server starts. */
const test = testWithApprovedRelease.extend<{ demo: DemoRelease }>({
  demo: [
    async ({ demo, home }, use) => {
      await promoteWithCli(home, demo);
      await use(demo);
    },
    { scope: 'test', timeout: 900_000 },
  ],
});

/**
 * Opens step 6 with the keyboard. The release, published with the CLI, is
 * chosen when the page opens and its steps are open at once (its review
 * folder records its tag verified); its tag is verified again quietly.
 */
async function openVerifyStep(page: Page, tag: string): Promise<void> {
  const verifyTab = page.getByTestId('step-verify');
  await expect(page.getByLabel('Tag name')).toHaveValue(tag);
  await expect(verifyTab).not.toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'verified');
  await expect(verifyTab).toContainText('Trace every published file');
  // The saved comparison is read once the tag verifies: Review opens without a visit to Compare.
  await expect(page.getByTestId('step-review')).not.toHaveAttribute('aria-disabled', 'true');

  await tabTo(page, page.getByTestId('step-tag'), { backwards: true });
  await page.keyboard.press('End');
  await expect(verifyTab).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(verifyTab).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('verify-repo-tag')).toHaveText(tag);
}

/** What the release's audit log records, in this order, once QA verified it. */
const HISTORY = [
  'tag-verified',
  'rebuild-started',
  'rebuild-finished',
  'compare',
  'decision',
  'promotion',
  'attestations-exported',
  'verification',
];

test.describe('Step 6, Verify (browser mode against `countersign serve`)', () => {
  test.describe.configure({ timeout: 300_000 });

  test('verifies every package apt-prod serves and shows the release history, chain intact', async ({
    page,
    app,
    demo,
  }, testInfo) => {
    const problems = watchProblems(page);
    await page.goto(app.url);
    await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
    await openVerifyStep(page, demo.tags.release);

    // Before QA's check: the history so far, promoted and signed, nothing appended since.
    const history = page.getByTestId('audit-history');
    await expect(history).toHaveAttribute('data-loading', 'false', { timeout: 30_000 });
    await expect(page.getByTestId('audit-chain')).toHaveAttribute('data-intact', 'true');
    await expect(page.getByTestId('audit-head')).toHaveAttribute('data-state', 'verified');
    await expect(page.getByTestId('audit-head-appended')).toHaveAttribute('data-count', '0');
    await expect(page.locator('[data-testid="audit-entry"][data-kind="verification"]')).toHaveCount(
      0,
    );
    await snapshot(page, testInfo, '01-verify-opened');

    // Run the verification with the keyboard.
    const button = page.getByTestId('verify-repo-button');
    await tabTo(page, button);
    await page.keyboard.press('Enter');
    const verdict = page.getByTestId('verify-repo-verdict');
    await expect(verdict).toHaveAttribute('data-status', 'verified', { timeout: 120_000 });
    await expect(verdict).toContainText('Verified');
    await expect(page.getByRole('heading', { name: 'Verification of apt-prod' })).toBeFocused();

    // Both signature files, every index and every package hold.
    const signatures = page.getByTestId('verify-repo-signature');
    await expect(signatures).toHaveCount(2);
    for (const file of ['InRelease', 'Release.gpg']) {
      await expect(
        page.locator(`[data-testid="verify-repo-signature"][data-file="${file}"]`),
      ).toHaveAttribute('data-status', 'verified');
    }
    await expect(page.getByTestId('verify-repo-index-problem')).toHaveCount(0);
    const packages = page.getByTestId('verify-repo-package');
    await expect(packages).toHaveCount(2);
    for (const row of await packages.all()) {
      await expect(row).toHaveAttribute('data-status', 'verified');
    }
    await expect(page.getByTestId('verify-repo-broken-link')).toHaveCount(0);
    await expect(page.getByTestId('verify-repo-extra-none')).toBeVisible();
    await expect(page.getByTestId('verify-repo-unexpected')).toHaveCount(0);
    // The attestations published at promotion: the VSA and one statement per package.
    await expect(page.getByTestId('verify-repo-attestations')).toHaveAttribute(
      'data-status',
      'verified',
    );
    const attestations = page.getByTestId('verify-repo-attestation');
    await expect(attestations).toHaveCount(3);
    for (const row of await attestations.all()) {
      await expect(row).toHaveAttribute('data-status', 'verified');
    }

    // The history, read again: QA's verification appended after the signed head.
    await expect(page.locator('[data-testid="audit-entry"][data-kind="verification"]')).toHaveCount(
      1,
      { timeout: 30_000 },
    );
    const entries = await page.getByTestId('audit-entry').all();
    const kinds = await Promise.all(
      entries.map(async (entry) => (await entry.getAttribute('data-kind')) ?? ''),
    );
    // Newest first: each kind's latest entry comes before the entries of the kinds recorded before it.
    const firstAt = HISTORY.map((kind) => kinds.indexOf(kind));
    expect(firstAt, `timeline ${kinds.join(', ')}`).not.toContain(-1);
    expect(firstAt).toEqual([...firstAt].sort((a, b) => b - a));
    expect(kinds[0]).toBe('verification');
    // The signed head's end is marked: QA's verification above it, the promotion's entries below.
    const mark = page.getByTestId('audit-head-mark');
    await expect(mark).toContainText('The entry above was added since');
    await expect(
      page.locator('[data-testid="audit-entry"][data-kind="verification"]'),
    ).toHaveAttribute('data-after-signature', 'true');
    await expect(page.locator('[data-testid="audit-entry"][data-trusted="false"]')).toHaveCount(0);
    await expect(page.getByTestId('audit-chain')).toHaveAttribute('data-intact', 'true');
    await expect(page.getByTestId('audit-chain')).toContainText('Intact');
    const head = page.getByTestId('audit-head');
    await expect(head).toHaveAttribute('data-state', 'verified');
    await expect(head).toContainText('verified by the release key');
    await expect(page.getByTestId('audit-head-appended')).toHaveAttribute('data-count', '1');
    await snapshot(page, testInfo, '02-verified');

    expect(problems).toEqual([]);
  });
});
