import type { Locator, Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { expect, type DemoRelease } from './fixtures/countersignServer';
import { testWithoutCi } from './fixtures/demoWithoutCi';
import { testWithApprovedRelease as test } from './fixtures/promoteRelease';
import { tabTo } from './keyboard';
import { budgeted, watchProblems } from './pageChecks';
import { snapshot } from './screenshots';

/**
 * Opens step 5 with the keyboard. The release tag is chosen when the page
 * opens; a release whose review folder records its tag verified (rebuilt with
 * the CLI) has its steps open at once, its tag verified again quietly, and
 * otherwise the tag is verified here first.
 */
async function openPromoteStep(
  page: Page,
  tag: string,
  { recorded }: { recorded: boolean },
): Promise<void> {
  const promoteTab = page.getByTestId('step-promote');
  await expect(page.getByLabel('Tag name')).toHaveValue(tag);
  if (recorded) {
    await expect(promoteTab).not.toHaveAttribute('aria-disabled', 'true');
  } else {
    await expect(promoteTab).toHaveAttribute('aria-disabled', 'true');
    await expect(promoteTab).toContainText('Verify the tag first');
    await page.getByLabel('Tag name').press('Enter');
  }
  await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'verified');
  await expect(promoteTab).not.toHaveAttribute('aria-disabled', 'true');
  await expect(promoteTab).toContainText('Sign and publish to apt-prod');

  await tabTo(page, page.getByTestId('step-tag'), { backwards: true });
  for (let presses = 0; presses < 4; presses += 1) await page.keyboard.press('ArrowRight');
  await expect(promoteTab).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(promoteTab).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('promote-tag')).toHaveText(tag);
}

/** The package name of a demo .deb file name ("countersign-hello_1.0.0_all.deb"). */
const packageOf = (debName: string) => debName.split('_')[0] ?? debName;

/** The demo's apt-test suite and its three packages, by what the gate makes of them. */
function demoPackages(demo: DemoRelease) {
  if (!demo.ci) throw new Error('This spec needs the demo made with CI (Docker).');
  return {
    suite: demo.ci.suite,
    identical: packageOf(demo.ci.identical),
    approved: packageOf(demo.ci.differs),
    ciOnly: packageOf(demo.ci.onlyCi),
  };
}

/** The plan's changes to apt-prod (the result lists what it published the same way). */
const plannedChanges = (page: Page, action?: string) =>
  page
    .getByTestId('promote-plan')
    .locator(`[data-testid="promote-change"]${action ? `[data-action="${action}"]` : ''}`);

const candidate = (page: Page, name: string) =>
  page.locator(`[data-testid="promote-candidate"][data-package="${name}"]`);

/** Waits for the plan made from the current choices. */
async function expectCurrentPlan(page: Page, canPromote: boolean): Promise<Locator> {
  const plan = page.getByTestId('promote-plan');
  await expect(plan).toHaveAttribute('data-state', 'current', { timeout: 60_000 });
  await expect(plan).toHaveAttribute('data-can-promote', String(canPromote));
  return plan;
}

/** Opens the app, verifies the release tag, opens step 5 and waits for a plan that can be signed. */
async function openPlan(page: Page, appUrl: string, demo: DemoRelease): Promise<void> {
  await page.goto(appUrl);
  await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
  await openPromoteStep(page, demo.tags.release, { recorded: true });
  await expectCurrentPlan(page, true);
}

/** Types the passphrase into the prompt (reached with Tab) and presses Enter. */
async function signWith(page: Page, passphrase: string): Promise<void> {
  const field = page.getByTestId('promote-passphrase');
  await tabTo(page, field, { limit: 120 });
  await page.keyboard.type(passphrase);
  await page.keyboard.press('Enter');
}

/** Toggles a package's box with the keyboard and waits for the plan made for the new choice. */
async function toggleWithSpace(page: Page, name: string): Promise<void> {
  await candidate(page, name).getByTestId('promote-choose').focus();
  await page.keyboard.press('Space');
  await expectCurrentPlan(page, true);
}

/** Interactions must answer within 2000 ms unless a check says otherwise. */
const withinBudget = budgeted(2_000);

test.describe('Step 5, Promote (browser mode against `countersign serve`)', () => {
  test.describe.configure({ timeout: 300_000 });

  test('publishes the approved packages to apt-prod, signed by the release key', async ({
    page,
    app,
    demo,
  }, testInfo) => {
    const problems = watchProblems(page);
    const { suite, identical, approved, ciOnly } = demoPackages(demo);

    await openPlan(page, app.url, demo);

    // Where from, where to, and what apt-prod serves now: nothing yet.
    await expect(page.getByTestId('promote-from')).toContainText('apt-test');
    await expect(page.getByTestId('promote-to')).toContainText('apt-prod');
    await expect(page.getByTestId('promote-current-none')).toBeVisible();

    // The demo's release key, imported encrypted: its fingerprint and the exact key that signs.
    const key = page.getByTestId('promote-key');
    await expect(key).toHaveAttribute('data-state', 'imported');
    await expect(page.getByTestId('promote-key-fingerprint')).toHaveAttribute(
      'data-fingerprint',
      demo.releaseKey.fingerprint,
    );
    await expect(page.getByTestId('promote-key-uid')).toContainText(['Countersign Demo Release']);
    await expect(page.getByTestId('promote-key-protected')).toHaveAttribute(
      'data-protected',
      'true',
    );
    const signingFingerprint = await page
      .getByTestId('promote-key-signing-fingerprint')
      .getAttribute('data-fingerprint');
    expect(signingFingerprint).toMatch(/^[0-9A-F]{40}$/);

    // The plan: two packages to add, the identical one and the approved one; CI's extra refused.
    await expect(candidate(page, identical)).toHaveAttribute('data-selected', 'true');
    await expect(candidate(page, identical)).toHaveAttribute('data-refused', 'false');
    await expect(candidate(page, approved)).toHaveAttribute('data-selected', 'true');
    await expect(candidate(page, approved).getByTestId('promote-candidate-evidence')).toContainText(
      'accepted',
    );
    const refused = candidate(page, ciOnly);
    await expect(refused).toHaveAttribute('data-refused', 'true');
    await expect(refused).toHaveAttribute('data-selected', 'false');
    await expect(refused.getByTestId('promote-choose')).toBeDisabled();
    await expect(refused.locator('[data-code="NOT_REBUILT"]')).toContainText('rebuild');
    const changes = plannedChanges(page);
    await expect(changes).toHaveCount(2);
    await expect(plannedChanges(page, 'add')).toHaveCount(2);
    await expect(page.getByTestId('promote-change-count')).toHaveText('(2 to add)');
    await expect(page.getByTestId('promote-release')).toContainText('stable');
    const confirm = page.getByTestId('promote-publish-confirm');
    await expect(confirm).toHaveText('Sign and publish 2 packages');
    await expect(page.getByTestId('promote-publish-signing-fingerprint')).toHaveAttribute(
      'data-fingerprint',
      signingFingerprint ?? '',
    );
    await snapshot(page, testInfo, '01-promote-plan');

    // A hash opens in full with the keyboard.
    const sha = candidate(page, identical).locator('.short-sha');
    await sha.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect(sha.locator('.sha')).toHaveText(/^[0-9a-f]{64}$/);
    expect(await sha.getAttribute('data-sha256')).toBe(await sha.locator('.sha').textContent());

    // Taking a package out plans again without it; putting it back brings it back.
    await withinBudget(
      testInfo,
      'plan again after a package is taken out',
      async () => {
        await toggleWithSpace(page, approved);
        await expect(changes).toHaveCount(1);
      },
      10_000,
    );
    await expect(candidate(page, approved)).toHaveAttribute('data-selected', 'false');
    await expect(confirm).toHaveText('Sign and publish 1 package');
    await toggleWithSpace(page, approved);
    await expect(changes).toHaveCount(2);

    // Sign: the passphrase, by keyboard, and Enter.
    await signWith(page, demo.releaseKey.passphrase);
    const result = page.getByTestId('promote-result');
    await expect(result).toBeVisible({ timeout: 120_000 });
    await expect(page.getByRole('heading', { name: 'Published', exact: true })).toBeFocused();
    await expect(page.getByTestId('promote-passphrase')).toHaveValue('');
    await expect(page.getByTestId('promote-result-signed-by')).toHaveAttribute(
      'data-fingerprint',
      signingFingerprint ?? '',
    );
    const publication = await result.getAttribute('data-publication');
    expect(publication).toBeTruthy();
    await expect(page.getByTestId('promote-result-id')).toHaveText(publication ?? '');
    await expect(result.getByTestId('promote-change')).toHaveCount(2);
    await expect(page.getByTestId('promote-rollback')).toContainText('no earlier publication');
    // One attestation per package and the VSA, published beside apt-prod.
    const attestations = page.getByTestId('promote-result-attestations').locator('li');
    await expect(attestations).toHaveCount(3);
    for (const file of await attestations.allTextContents()) {
      expect(existsSync(join(demo.aptProd, file)), `${file} exists`).toBe(true);
    }

    // On disk: apt-prod's suite is signed inline.
    const inRelease = join(demo.aptProd, 'dists', suite, 'InRelease');
    expect(existsSync(inRelease), `${inRelease} exists`).toBe(true);
    expect(await readFile(inRelease, 'utf8')).toContain('-----BEGIN PGP SIGNED MESSAGE-----');

    // The plan made again: both packages are served already, so nothing more can be published.
    await expectCurrentPlan(page, false);
    await expect(plannedChanges(page, 'unchanged')).toHaveCount(2);
    await expect(page.getByTestId('promote-current')).toHaveAttribute('data-id', publication ?? '');
    await expect(confirm).toHaveAttribute('aria-disabled', 'true');
    await snapshot(page, testInfo, '02-promote-published');

    await page.emulateMedia({ colorScheme: 'dark' });
    await snapshot(page, testInfo, '03-promote-dark');
    expect(problems, 'no console errors (CSP violations included)').toEqual([]);
  });

  test('refuses a wrong passphrase and publishes nothing', async ({
    page,
    app,
    demo,
  }, testInfo) => {
    const problems = watchProblems(page);
    await openPlan(page, app.url, demo);

    await signWith(page, 'not the passphrase');
    const refusal = page
      .getByTestId('promote-publish')
      .locator('[data-testid="error-alert"][data-code="WRONG_PASSPHRASE"]');
    await expect(refusal).toBeVisible({ timeout: 60_000 });
    await expect(refusal).toContainText('nothing was published');
    // The user stays on the prompt, emptied, with the refusal read out with it.
    const field = page.getByTestId('promote-passphrase');
    await expect(field).toBeFocused();
    await expect(field).toHaveValue('');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('promote-result')).toHaveCount(0);
    await snapshot(page, testInfo, '04-promote-wrong-passphrase');

    // Nothing reached apt-prod, and the same plan can still be signed.
    expect(await readdir(demo.aptProd)).not.toContain('dists');
    await expect(page.getByTestId('promote-publish-confirm')).not.toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await expect(page.getByTestId('promote-current-none')).toBeVisible();
    // The one expected failure: the engine's refusal (HTTP 422) of the passphrase.
    const unexpected = problems.filter((problem) => !problem.includes('status of 422'));
    expect(unexpected, 'no console errors (CSP violations included)').toEqual([]);
    expect(problems).toHaveLength(1);
  });

  test('rolls a second publication back to the first, after asking', async ({
    page,
    app,
    demo,
  }, testInfo) => {
    const problems = watchProblems(page);
    const { suite, approved } = demoPackages(demo);
    await openPlan(page, app.url, demo);

    // First publication: the identical package alone. Second: the approved one joins it.
    await toggleWithSpace(page, approved);
    await signWith(page, demo.releaseKey.passphrase);
    const result = page.getByTestId('promote-result');
    await expect(result).toBeVisible({ timeout: 120_000 });
    const first = (await result.getAttribute('data-publication')) ?? '';
    await expectCurrentPlan(page, false);
    await toggleWithSpace(page, approved);
    await expect(plannedChanges(page, 'add')).toHaveCount(1);
    await expect(plannedChanges(page, 'unchanged')).toHaveCount(1);
    await signWith(page, demo.releaseKey.passphrase);
    await expect(result).not.toHaveAttribute('data-publication', first, { timeout: 120_000 });
    const second = (await result.getAttribute('data-publication')) ?? '';
    const packages = join(demo.aptProd, 'dists', suite, 'main', 'binary-all', 'Packages');
    expect(await readFile(packages, 'utf8')).toContain(`Package: ${approved}\n`);

    // Asked twice: focus lands on "Keep", Escape backs out, and nothing changes.
    const start = page.getByTestId('promote-rollback-start');
    await start.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Keep the current publication' })).toBeFocused();
    await expect(page.getByTestId('promote-rollback')).toContainText(first);
    await snapshot(page, testInfo, '05-promote-rollback-question');
    await page.keyboard.press('Escape');
    await expect(start).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByTestId('promote-rollback-confirm')).toBeFocused();
    await page.keyboard.press('Enter');

    const done = page.getByTestId('promote-rollback-done');
    await expect(done).toContainText(`serves publication ${first} again instead of ${second}`);
    await expect(page.getByTestId('promote-rollback-outcome')).toBeFocused();
    await expect(result).toHaveAttribute('data-rolled-back', 'true');
    await expect(start).toHaveCount(0);
    await expect(page.getByTestId('promote-current')).toHaveAttribute('data-id', first);
    expect(await readFile(packages, 'utf8')).not.toContain(`Package: ${approved}\n`);
    await snapshot(page, testInfo, '06-promote-rolled-back');
    expect(problems, 'no console errors (CSP violations included)').toEqual([]);
  });
});

testWithoutCi.describe('Step 5, the release key (browser mode)', () => {
  testWithoutCi(
    'shows the engine’s refusals of a key, and takes an unprotected one only when allowed',
    async ({ page, app, demo }, testInfo) => {
      const problems = watchProblems(page);
      await page.goto(app.url);
      await openPromoteStep(page, demo.tags.release, { recorded: false });
      await expect(page.getByTestId('promote-key')).toHaveAttribute('data-state', 'imported');
      await page.getByText('Import another release key').click();

      // A public key file is explained before anything is sent.
      await page
        .getByTestId('promote-key-file')
        .setInputFiles(join(demo.dir, 'keys', 'maintainer.asc'));
      await expect(page.locator('#promote-key-text-problem')).toContainText('public key only');

      // Pasted, the engine refuses it with its own code.
      const text = page.getByTestId('promote-key-text');
      await text.fill(await readFile(join(demo.dir, 'keys', 'maintainer.asc'), 'utf8'));
      await page.getByTestId('promote-key-import').click();
      const alert = page.getByTestId('promote-key').getByTestId('error-alert');
      await expect(alert).toHaveAttribute('data-code', 'NOT_A_PRIVATE_KEY');

      // A secret key without a passphrase: refused while the box is off (its default).
      const { privateKey } = await openpgp.generateKey({
        // GnuPG's Ed25519 (EdDSA, v4), which apt's gpgv verifies.
        type: 'ecc',
        curve: 'curve25519Legacy',
        userIDs: [{ name: 'Unprotected Release', email: 'unprotected@example.org' }],
        format: 'armored',
      });
      await text.fill(privateKey);
      const allow = page.getByTestId('promote-key-allow-unprotected');
      await expect(allow).not.toBeChecked();
      await page.getByTestId('promote-key-import').click();
      await expect(alert).toHaveAttribute('data-code', 'KEY_UNPROTECTED');
      await snapshot(page, testInfo, '07-promote-key-refused');

      // Allowed explicitly, it is taken, and shown as a key that signs without asking.
      await allow.check();
      await page.getByTestId('promote-key-import').click();
      await expect(page.getByTestId('promote-key-protected')).toHaveAttribute(
        'data-protected',
        'false',
      );
      await expect(page.getByTestId('promote-key-uid')).toContainText(['Unprotected Release']);
      await expect(page.getByTestId('promote-key-fingerprint')).not.toHaveAttribute(
        'data-fingerprint',
        demo.releaseKey.fingerprint,
      );
      await expect(text).toHaveValue('');
      // The expected failures: the engine's refusals (HTTP 422) of the two keys, and of the plan
      // (this demo has no apt-test to promote from).
      const unexpected = problems.filter((problem) => !problem.includes('status of 422'));
      expect(unexpected, 'no console errors (CSP violations included)').toEqual([]);
    },
  );
});
