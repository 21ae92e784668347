import type { Page, TestInfo } from '@playwright/test';
import { createReadStream } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { expect, type DemoRelease } from './fixtures/countersignServer';
import { promoteWithCli, testWithApprovedRelease } from './fixtures/promoteRelease';
import { watchProblems } from './pageChecks';
import { snapshot } from './screenshots';

/** apt-prod's folder served read-only over HTTP on 127.0.0.1, as a plain web server would. */
async function serveFolder(root: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(root, path);
    void stat(file)
      .then((facts) => {
        if (!facts.isFile() || path.includes('..')) throw new Error('not a file');
        response.writeHead(200, { 'content-length': facts.size });
        createReadStream(file).pipe(response);
      })
      .catch(() => {
        response.writeHead(404).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, server };
}

/** "AAAABBBB…" as people read it: groups of four. */
const grouped = (fingerprint: string) => (fingerprint.match(/.{1,4}/g) ?? []).join(' ');

/** The release published to apt-prod by the release manager, before the server starts. */
const promoted = testWithApprovedRelease.extend<{ demo: DemoRelease }>({
  demo: [
    async ({ demo, home }, use) => {
      await promoteWithCli(home, demo);
      await use(demo);
    },
    { scope: 'test', timeout: 900_000 },
  ],
});

/**
 * QA's machine: the same project and release, but no release key at all
 * (neither in project.json nor on disk), and apt-prod reached over HTTP as
 * its users reach it.
 */
const asQa = promoted.extend<{ demo: DemoRelease; aptProdUrl: string }>({
  demo: [
    async ({ demo }, use) => {
      const config = JSON.parse(await readFile(demo.projectFile, 'utf8')) as Record<
        string,
        unknown
      >;
      delete config.releaseKey;
      await writeFile(demo.projectFile, `${JSON.stringify(config, null, 2)}\n`);
      await rm(join(demo.dir, demo.releaseKey.file), { force: true });
      await use(demo);
    },
    { scope: 'test', timeout: 900_000 },
  ],
  aptProdUrl: async ({ demo }, use) => {
    const { url, server } = await serveFolder(demo.aptProd);
    try {
      await use(url);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  },
});

/** Verifies the release tag in step 1, then opens a later step by its tab. */
async function verifyTagThenOpen(page: Page, tag: string, step: 'promote' | 'verify') {
  await page.getByLabel('Tag name').fill(tag);
  await page.getByLabel('Tag name').press('Enter');
  await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'verified');
  const tab = page.getByTestId(`step-${step}`);
  await expect(tab).not.toHaveAttribute('aria-disabled', 'true');
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/** Screenshots at the default size, at 1024×700, and in the dark theme. */
async function snapshots(page: Page, testInfo: TestInfo, name: string) {
  await snapshot(page, testInfo, name);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1024, height: 700 });
  await snapshot(page, testInfo, `${name}-1024x700`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await snapshot(page, testInfo, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
  if (size) await page.setViewportSize(size);
}

/** The kinds of the timeline's entries, top to bottom. */
async function timelineKinds(page: Page): Promise<string[]> {
  const rows = await page
    .getByTestId('audit-timeline')
    .locator('[data-testid="audit-entry"], [data-testid="audit-head-mark"]')
    .all();
  return Promise.all(
    rows.map(async (row) => (await row.getAttribute('data-kind')) ?? 'signed-head'),
  );
}

asQa.describe('QA verifies apt-prod by URL and public key (browser mode)', () => {
  asQa.describe.configure({ timeout: 300_000 });

  asQa(
    'verifies apt-prod over HTTP with a pasted public key, no secret key imported, and reads the history newest first',
    async ({ page, app, demo, aptProdUrl }, testInfo) => {
      const problems = watchProblems(page);
      const publicKey = await readFile(demo.releaseKey.publicKeyFile, 'utf8');
      await page.goto(app.url);
      await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
      await verifyTagThenOpen(page, demo.tags.release, 'verify');

      // No release key in this project: the form asks for a public key, the review is offered.
      await expect(page.getByTestId('verify-repo-keyring-release')).toHaveCount(0);
      await expect(page.getByLabel('Paste a public key')).toBeChecked();
      await expect(page.getByLabel(/Use this release's review/)).toBeChecked();
      await page.getByLabel(/^Repository/).fill(aptProdUrl);
      await page.getByLabel('Armored public key').fill(publicKey);
      await snapshots(page, testInfo, '01-qa-form');

      await page.getByRole('button', { name: 'Verify this repository' }).click();
      const verdict = page.getByTestId('verify-repo-verdict');
      await expect(verdict).toHaveAttribute('data-status', 'verified', { timeout: 120_000 });
      await expect(page.getByTestId('verify-repo-where')).toContainText(aptProdUrl);
      // The key it was checked with, in groups of four.
      await expect(page.getByTestId('verify-repo-keys')).toContainText(
        grouped(demo.releaseKey.fingerprint),
      );
      const packages = page.getByTestId('verify-repo-package');
      await expect(packages).toHaveCount(2);
      for (const row of await packages.all()) {
        await expect(row).toHaveAttribute('data-status', 'verified');
      }
      await expect(page.getByTestId('verify-repo-attestations')).toHaveAttribute(
        'data-status',
        'verified',
      );

      // The history, newest first: QA's verification on top, the tag's verification last.
      await expect(
        page.locator('[data-testid="audit-entry"][data-kind="verification"]'),
      ).toHaveCount(1, { timeout: 30_000 });
      const kinds = await timelineKinds(page);
      expect(kinds[0], kinds.join(', ')).toBe('verification');
      expect(kinds.indexOf('promotion')).toBeLessThan(kinds.indexOf('compare'));
      expect(kinds.at(-1)).toBe('tag-verified');
      await expect(page.getByTestId('audit-timeline').getByText(aptProdUrl)).toBeVisible();
      // The tag's signer, grouped for reading.
      await expect(
        page.locator('[data-testid="audit-entry"][data-kind="tag-verified"]'),
      ).toContainText(grouped(demo.maintainer.primary));
      // Without the release key the signed head cannot be checked here, and it says so.
      await expect(page.getByTestId('audit-head')).toContainText('no release key');
      await expect(page.getByTestId('audit-head-mark')).toHaveCount(0);
      await snapshots(page, testInfo, '02-qa-verified');

      expect(problems).toEqual([]);
    },
  );
});

promoted.describe(
  'Withdraw a published package, then read it in the history (browser mode)',
  () => {
    promoted.describe.configure({ timeout: 300_000 });

    promoted(
      'withdraws one package from the Promote step, and the history shows it, newest first, with the signed head marked',
      async ({ page, app, demo }, testInfo) => {
        const problems = watchProblems(page);
        const reason = 'Blocked in review after it was published: the build clock in its README.';
        await page.goto(app.url);
        await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
        await verifyTagThenOpen(page, demo.tags.release, 'promote');
        await expect(page.getByTestId('promote-plan')).toHaveAttribute('data-state', 'current', {
          timeout: 60_000,
        });

        await page.getByRole('button', { name: 'Withdraw a published package…' }).click();
        const withdrawn = 'countersign-hello-doc';
        await page.getByLabel('Package', { exact: true }).selectOption(withdrawn);
        await page.getByLabel('Reason', { exact: true }).fill(reason);
        await page.getByTestId('promote-withdraw-passphrase').fill(demo.releaseKey.passphrase);
        await page.getByRole('button', { name: 'Withdraw…' }).click();
        await expect(
          page.getByRole('group', { name: /apt-prod gets a new publication/ }),
        ).toContainText('apt users will stop being offered it');
        await snapshots(page, testInfo, '03-withdraw-confirm');
        await page.getByRole('button', { name: `Withdraw ${withdrawn}` }).click();
        const done = page.getByTestId('promote-withdraw-done');
        await expect(done).toBeVisible({ timeout: 120_000 });
        await expect(done).toContainText(`without ${withdrawn}`);
        await expect(done).toHaveAttribute('data-publication', /.+/);
        await snapshots(page, testInfo, '04-withdrawn');

        // Step 6: the withdrawal on top with its reason, the head it signed marked right above it.
        await page.getByTestId('step-verify').click();
        await expect(page.getByTestId('audit-history')).toHaveAttribute('data-loading', 'false', {
          timeout: 30_000,
        });
        await expect(page.getByTestId('audit-head')).toHaveAttribute('data-state', 'verified');
        let kinds = await timelineKinds(page);
        expect(kinds.slice(0, 2), kinds.join(', ')).toEqual(['signed-head', 'withdrawal']);
        const withdrawal = page.locator('[data-testid="audit-entry"][data-kind="withdrawal"]');
        await expect(withdrawal).toContainText(reason);
        await expect(withdrawal).toContainText('Withdrawn');
        await expect(withdrawal).toContainText(/signed by ([0-9A-F]{4} ){9}[0-9A-F]{4}/);
        await expect(page.getByTestId('audit-head-mark')).toContainText('Nothing was added since');

        // QA verifies with the project's defaults: the release key's public part, no passphrase.
        await expect(page.getByLabel("The project's release key (its public part)")).toBeChecked();
        await page.getByRole('button', { name: 'Verify apt-prod' }).click();
        await expect(page.getByTestId('verify-repo-verdict')).toHaveAttribute(
          'data-status',
          'verified',
          { timeout: 120_000 },
        );
        await expect(page.getByTestId('verify-repo-package')).toHaveCount(1);
        await expect(
          page.locator('[data-testid="audit-entry"][data-kind="verification"]'),
        ).toHaveCount(1, { timeout: 30_000 });
        kinds = await timelineKinds(page);
        expect(kinds.slice(0, 3), kinds.join(', ')).toEqual([
          'verification',
          'signed-head',
          'withdrawal',
        ]);
        const mark = page.getByTestId('audit-head-mark');
        await expect(mark).toContainText('The entry above was added since');
        await expect(mark.locator('.fingerprint')).toContainText(/^([0-9A-F]{4} ){9}[0-9A-F]{4}$/);
        await expect(
          page.locator('[data-testid="audit-entry"][data-kind="verification"]'),
        ).toHaveAttribute('data-after-signature', 'true');
        await page.getByTestId('audit-history').scrollIntoViewIfNeeded();
        await snapshots(page, testInfo, '05-history-after-withdrawal');

        expect(problems).toEqual([]);
      },
    );
  },
);
