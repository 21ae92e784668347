import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures/countersignServer';
import { tabTo } from './keyboard';
import { watchProblems } from './pageChecks';
import { snapshot } from './screenshots';

test.describe('Step 1, Tag (browser mode against `countersign serve`)', () => {
  test('verifies the maintainer’s release tag and refuses one signed outside the trust list', async ({
    page,
    app,
    demo,
  }, testInfo) => {
    const problems = watchProblems(page);

    await page.goto(app.url);
    await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
    // The token rode in the fragment; the page keeps it and takes it out of the address bar.
    expect(page.url()).not.toContain(app.token);
    await expect(page.getByTestId('trusted-signer')).toHaveCount(1);
    await expect(page.getByTestId('trusted-signer-fingerprint')).toHaveAttribute(
      'data-fingerprint',
      demo.maintainer.primary,
    );
    await snapshot(page, testInfo, '01-opened');

    // Tag and Verify are open; every other step waits for a verified tag.
    await expect(page.getByTestId('step-tag')).toHaveAttribute('aria-selected', 'true');
    // Verify is always open: QA checks any apt-prod by URL and public key.
    await expect(page.getByTestId('step-verify')).not.toHaveAttribute('aria-disabled', 'true');
    for (const step of ['rebuild', 'compare', 'review', 'promote']) {
      const tab = page.getByTestId(`step-${step}`);
      await expect(tab).toHaveAttribute('role', 'tab');
      await expect(tab).toHaveAttribute('aria-disabled', 'true');
      await expect(tab).toContainText('Verify the tag first');
    }

    // Keyboard only: pick the release tag, move to Verify, press Enter.
    const tagSelect = page.getByLabel('Project tag');
    await tabTo(page, tagSelect);
    await tagSelect.selectOption(demo.tags.release);
    await expect(page.getByLabel('Tag name')).toHaveValue(demo.tags.release);
    await tabTo(page, page.getByTestId('verify-button'));
    await page.keyboard.press('Enter');

    const verdict = page.getByTestId('tag-verdict');
    await expect(verdict).toHaveAttribute('data-verdict', 'verified');
    await expect(verdict).toContainText('Verified');
    await expect(page.getByTestId('signer-fingerprint')).toHaveAttribute(
      'data-fingerprint',
      demo.maintainer.signingSubkey,
    );
    // What a person reads and copies is the same fingerprint, grouped in fours.
    const shown = (await page.getByTestId('signer-fingerprint').innerText()).replace(/\s+/g, '');
    expect(shown).toBe(demo.maintainer.signingSubkey);
    await expect(page.getByTestId('primary-fingerprint')).toHaveAttribute(
      'data-fingerprint',
      demo.maintainer.primary,
    );
    await expect(page.getByTestId('signer-user-id')).toHaveText(demo.maintainer.userId);
    await expect(page.getByTestId('tag-problem')).toHaveCount(0);
    await snapshot(page, testInfo, '02-verified');

    // Back to the selector with Shift+Tab; choose the tag signed by an outsider.
    await tabTo(page, tagSelect, { backwards: true });
    await tagSelect.selectOption(demo.tags.untrusted);
    await page.getByLabel('Tag name').press('Enter');

    await expect(verdict).toHaveAttribute('data-verdict', 'refused');
    await expect(verdict).toContainText('Refused');
    const unknownKey = page.locator('[data-testid="tag-problem"][data-code="UNKNOWN_KEY"]');
    await expect(unknownKey).toHaveCount(1);
    await expect(unknownKey).toContainText('trust list');
    await expect(page.getByTestId('signer-fingerprint')).toHaveCount(0);
    await snapshot(page, testInfo, '03-refused');

    // The job drawer, opened with its shortcut, lists the verify jobs, newest first.
    await page.keyboard.press('Control+Shift+L');
    const drawer = page.getByTestId('job-drawer');
    await expect(drawer).toBeVisible();
    await expect(drawer.locator('[aria-live="polite"]')).toHaveCount(1);
    const verifyJobs = drawer.locator('[data-testid="job-card"][data-job-kind="verify-tag"]');
    await expect(verifyJobs).toHaveCount(2);
    await expect(verifyJobs.first()).toContainText(`Verify tag ${demo.tags.untrusted}`);
    await expect(verifyJobs.first()).toHaveAttribute('data-job-state', 'succeeded');
    await expect(verifyJobs.first()).toContainText('Refused: UNKNOWN_KEY');
    await expect(verifyJobs.nth(1)).toContainText(`Verify tag ${demo.tags.release}`);
    await snapshot(page, testInfo, '04-job-drawer');

    // Escape closes the drawer and gives focus back to its toggle.
    await drawer.getByRole('button', { name: 'Close' }).focus();
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
    await expect(page.getByTestId('job-drawer-toggle')).toBeFocused();

    expect(problems, 'no console errors (CSP violations included)').toEqual([]);
  });

  test('moves through the steps with the arrow keys; steps waiting for a verified tag cannot be opened', async ({
    page,
    app,
    demo,
  }) => {
    await page.goto(app.url);
    await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
    const tagTab = page.getByTestId('step-tag');
    await tabTo(page, tagTab);
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('step-rebuild')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(tagTab).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('step-rebuild')).toHaveAttribute('aria-selected', 'false');
    await page.keyboard.press('End');
    await expect(page.getByTestId('step-verify')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(tagTab).toBeFocused();
    await expect(page.getByRole('tabpanel')).toContainText('Verify the release tag');
  });

  test('says how to open the page properly when it has no session token', async ({ page, app }) => {
    await page.goto(`${app.origin}/`);
    const alert = page.getByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'UNAUTHORIZED');
    await expect(alert).toContainText('Could not open the project');
    await expect(alert).toContainText('#token=');
    await expect(page.getByTestId('project-name')).toHaveText('No project open');
  });

  test('looks right in the dark theme', async ({ page, app, demo }, testInfo) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(app.url);
    await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(15, 18, 22)');

    await page.getByLabel('Tag name').fill(demo.tags.release);
    await page.getByLabel('Tag name').press('Enter');
    await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'verified');
    await page.getByTestId('job-drawer-toggle').press('Enter');
    await expect(page.getByTestId('job-card')).toHaveCount(1);
    await snapshot(page, testInfo, '05-dark-verified');

    await page.getByLabel('Tag name').fill(demo.tags.untrusted);
    await page.getByLabel('Tag name').press('Enter');
    await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'refused');
    await snapshot(page, testInfo, '06-dark-refused');
  });

  test('explains a mistyped commit beside its field, and refuses a tag that points elsewhere', async ({
    page,
    app,
    demo,
  }) => {
    await page.goto(app.url);
    await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
    await page.getByLabel('Tag name').fill(demo.tags.release);
    const commit = page.getByLabel(/Expected commit/);
    await commit.fill('not-a-sha');
    await commit.press('Enter');
    await expect(commit).toHaveAttribute('aria-invalid', 'true');
    await expect(commit).toBeFocused();
    await expect(page.getByText('Give the full commit SHA')).toBeVisible();
    await expect(page.getByTestId('tag-verdict')).toHaveCount(0);

    await commit.fill('0'.repeat(40));
    await commit.press('Enter');
    await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'refused');
    await expect(
      page.locator('[data-testid="tag-problem"][data-code="COMMIT_MISMATCH"]'),
    ).toHaveCount(1);
  });

  test('removes the maintainer from the trust list after confirming, and imports the key file again', async ({
    page,
    app,
    demo,
  }) => {
    await page.goto(app.url);
    const signer = page.getByTestId('trusted-signer');
    await expect(signer).toHaveCount(1);
    await expect(signer).toContainText(demo.maintainer.userId);
    await expect(signer.getByTestId('trusted-subkey')).toHaveCount(1);
    await expect(signer.getByTestId('trusted-subkey')).toContainText('never');

    // Asking first; Cancel is focused and keeps the key.
    await signer.getByTestId('remove-signer').click();
    await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(signer).toHaveCount(1);
    await expect(signer.getByTestId('remove-signer')).toBeFocused();

    await page.keyboard.press('Enter');
    await page.getByTestId('confirm-remove-signer').click();
    await expect(signer).toHaveCount(0);
    await expect(page.getByText('No trusted signers yet')).toBeVisible();

    await page.getByLabel('Tag name').fill(demo.tags.release);
    await page.getByLabel('Tag name').press('Enter');
    await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'refused');

    // The maintainer's armored key file, chosen with the file picker.
    await page.getByLabel('Or a key file').setInputFiles(`${demo.dir}/keys/maintainer.asc`);
    await expect(page.getByLabel('Armored public key')).toHaveValue(
      /-----BEGIN PGP PUBLIC KEY BLOCK-----/,
    );
    await page.getByTestId('import-signer').click();
    await expect(signer).toHaveCount(1);
    await expect(page.getByTestId('trusted-signer-fingerprint')).toHaveAttribute(
      'data-fingerprint',
      demo.maintainer.primary,
    );

    await page.getByTestId('verify-button').click();
    await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'verified');
  });

  test('imports a binary key file, and shows the engine’s refusal of one that is not a key', async ({
    page,
    app,
    demo,
  }) => {
    await page.goto(app.url);
    await expect(page.getByTestId('trusted-signer')).toHaveCount(1);

    const garbage = Buffer.from([0x00, 0xff, 0x13, 0x37, 0x42, 0x00, 0x01]);
    await page.getByLabel('Or a key file').setInputFiles({
      name: 'not-a-key.gpg',
      mimeType: 'application/octet-stream',
      buffer: garbage,
    });
    await expect(page.getByText('Binary key file')).toContainText('not-a-key.gpg');
    await page.getByTestId('import-signer').click();
    const alert = page.getByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'INVALID_KEYRING');
    await expect(alert).toContainText('Could not change the trust list');

    // The outsider's key, de-armored to binary as `gpg --export` writes it.
    const armored = await readFile(`${demo.dir}/keys/untrusted.asc`, 'utf8');
    const body = armored
      .split('\n')
      .filter(
        (line) =>
          line !== '' && !line.startsWith('-----') && !line.startsWith('=') && !line.includes(':'),
      )
      .join('');
    await page.getByLabel('Or a key file').setInputFiles({
      name: 'untrusted.gpg',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(body, 'base64'),
    });
    await page.getByTestId('import-signer').click();
    await expect(page.getByTestId('trusted-signer')).toHaveCount(2);
    await expect(page.getByRole('alert')).toHaveCount(0);

    await page.getByLabel('Tag name').fill(demo.tags.untrusted);
    await page.getByLabel('Tag name').press('Enter');
    await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'verified');
    await expect(page.getByTestId('primary-fingerprint')).toHaveAttribute(
      'data-fingerprint',
      demo.untrusted.primary,
    );
  });
});

test.describe('Step 1, a secret key where a public one belongs (browser mode)', () => {
  test('refuses the release private key pasted into the trust list, saying why, and keeps nothing', async ({
    page,
    app,
    demo,
  }, testInfo) => {
    await page.goto(app.url);
    await expect(page.getByTestId('trusted-signer')).toHaveCount(1);
    const secret = await readFile(`${demo.dir}/keys/release-key.asc`, 'utf8');
    expect(secret).toContain('PRIVATE KEY BLOCK');
    await page.locator('#import-signer-key').fill(secret);
    await page.getByTestId('import-signer').click();
    const alert = page.getByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'INVALID_KEY');
    await expect(alert).toContainText('secret key should never be pasted');
    await expect(page.getByTestId('trusted-signer')).toHaveCount(1);
    await snapshot(page, testInfo, '01-secret-key-refused');
    // Nothing of it reached project.json.
    expect(await readFile(demo.projectFile, 'utf8')).not.toContain('PRIVATE KEY');
  });
});
