import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, repoRoot, test, type ServedApp } from './fixtures/countersignServer';
import {
  buildCiFolder,
  createDebianPackageRepo,
  PACKAGE,
  VERSION,
} from './fixtures/debianPackageRepo';
import { tabTo } from './keyboard';
import { watchProblems } from './pageChecks';
import { snapshot } from './screenshots';

/** `countersign serve` without --project, as a new user starts it: on the start screen. */
function serveWithoutProject(
  home: string,
): Promise<{ app: ServedApp; child: ChildProcess; stderr: () => string }> {
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'bin', 'countersign.js'), 'serve', '--port', '0', '--json'],
    {
      cwd: repoRoot,
      env: { ...process.env, COUNTERSIGN_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) =>
      reject(new Error(`countersign serve exited (${code ?? signal}):\n${stderr}`)),
    );
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline === -1) return;
      resolve({
        app: JSON.parse(stdout.slice(0, newline)) as ServedApp,
        child,
        stderr: () => stderr,
      });
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

const DEB = `${PACKAGE}_${VERSION}_all.deb`;

test.describe('A new project, from the start screen (browser mode, real git, GnuPG and Docker)', () => {
  test('a new user sets up a Debian package’s project, verifies its tag, rebuilds, compares and sees the release', async ({
    page,
    home,
  }, testInfo) => {
    test.setTimeout(600_000);
    const problems = watchProblems(page);
    // The package and CI's build live apart from the app's data folder (`home`), as they would.
    const outside = await mkdtemp(join(tmpdir(), 'countersign-e2e-pkg-'));
    const pkg = await createDebianPackageRepo(outside);
    const server = await serveWithoutProject(home);
    try {
      const ciFolder = await buildCiFolder(pkg, outside);

      await page.goto(server.app.url);
      await expect(page.getByTestId('project-name')).toHaveText('No project open');
      await expect(page.getByRole('heading', { name: 'Start' })).toBeVisible();
      await expect(page.getByRole('tablist')).toHaveCount(0);
      await expect(page.getByText('None yet: projects you open are listed here.')).toBeVisible();
      await expect(page.getByTestId('machine-tool')).toHaveCount(6);
      await expect(page.getByText(/no file dialog/)).toBeVisible();
      await snapshot(page, testInfo, '01-start-screen');

      // Keyboard: Tab to "New project…" and press Enter.
      await tabTo(page, page.getByRole('button', { name: 'New project…' }));
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { name: 'New project', level: 2 })).toBeVisible();

      // 1. Source: Enter in the field checks it.
      const source = page.getByLabel('Repository path or URL');
      await source.fill(pkg.repoDir);
      await source.press('Enter');
      const facts = page.getByTestId('source-facts');
      await expect(facts.getByTestId('source-tag')).toHaveText([pkg.tag]);
      await expect(facts.getByTestId('source-debian')).toHaveText(
        `${PACKAGE} ${VERSION} (bookworm)`,
      );
      await expect(facts.getByTestId('source-recipe-note')).toContainText('bookworm');
      await expect(page.getByLabel('Name', { exact: true })).toHaveValue(PACKAGE);

      // 2. Folder; the identity is left to its default.
      await page.getByRole('textbox', { name: 'Project folder' }).fill(join(outside, 'project'));
      await expect(
        page.getByText('default: name plus 8 random hex digits', { exact: false }),
      ).toBeVisible();

      // 3. The maintainer's key, by file; read, shown, then trusted.
      const keyPath = page.getByLabel('Path of the key file');
      await keyPath.fill(pkg.maintainer.publicKeyFile);
      await keyPath.press('Enter');
      await expect(page.getByTestId('setup-signer-source')).toHaveCount(1);
      await page.getByRole('button', { name: 'Read keys' }).click();
      await expect(page.getByTestId('read-key-fingerprint')).toHaveAttribute(
        'data-fingerprint',
        pkg.maintainer.fingerprint,
      );
      const shown = (await page.getByTestId('read-key-fingerprint').innerText()).replace(
        /\s+/g,
        '',
      );
      expect(shown).toBe(pkg.maintainer.fingerprint);
      await expect(page.getByTestId('read-key-user-id')).toHaveText(pkg.maintainer.userId);
      await page.getByRole('button', { name: 'Trust these keys' }).click();
      await expect(page.getByText('You trust 1 key.')).toBeVisible();

      // 4. The recipe detected from debian/.
      await expect(page.getByLabel('Base suite')).toHaveValue('bookworm');
      await expect(page.getByLabel('Extra packages in the base')).toHaveValue('debhelper');

      // 5. CI's artifacts: a folder, checked at once.
      await page.getByRole('radio', { name: 'A folder' }).check();
      await page.getByLabel('Folder', { exact: true }).fill(ciFolder);
      await page.getByTestId('check-ci').click();
      await expect(page.getByTestId('ci-facts')).toHaveAttribute('data-kind', 'folder');

      // At 1024×700 and in the dark theme, the wizard still reads.
      await page.setViewportSize({ width: 1024, height: 700 });
      await snapshot(page, testInfo, '02-wizard-1024');
      await page.emulateMedia({ colorScheme: 'dark' });
      await snapshot(page, testInfo, '03-wizard-dark');
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1360, height: 900 });

      await page.getByTestId('create-project').click();
      await expect(page.getByTestId('project-name')).toHaveText(PACKAGE, { timeout: 30_000 });
      await expect(page.getByTestId('step-tag')).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByRole('alert')).toHaveCount(0);

      // A local source's tags are read as they are: no "Fetch tags" to press.
      await expect(page.getByTestId('fetch-tags')).toHaveCount(0);

      // Step 1: the tag verifies against the key just trusted.
      await page.getByLabel('Project tag').selectOption(pkg.tag);
      await page.getByTestId('verify-button').click();
      await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'verified');
      await expect(page.getByTestId('signer-fingerprint')).toHaveAttribute(
        'data-fingerprint',
        pkg.maintainer.fingerprint,
      );
      await snapshot(page, testInfo, '04-tag-verified');

      // Step 2: rebuilt in Docker from the tagged commit.
      await page.getByTestId('step-rebuild').click();
      await expect(page.getByTestId('rebuild-tag')).toHaveText(pkg.tag);
      await expect(page.getByTestId('rebuild-commit')).toHaveText(pkg.commit);
      await page.getByTestId('rebuild-button').click();
      const rebuilt = page.getByTestId('rebuild-result');
      await expect(rebuilt).toBeVisible({ timeout: 300_000 });
      await expect(rebuilt.locator(`[data-testid="artifact"][data-name="${DEB}"]`)).toHaveCount(1);

      // Step 3: against CI's folder, the package is identical.
      await page.getByTestId('step-compare').click();
      await expect(page.getByTestId('ci-kind')).toHaveAttribute('data-kind', 'folder');
      await page.getByTestId('compare-button').click();
      await expect(page.getByTestId('compare-result')).toBeVisible({ timeout: 120_000 });
      const identical = page.locator('[data-testid="compare-row"][data-status="identical"]');
      await expect(identical).toHaveCount(1);
      await expect(identical.getByTestId('compare-row-name')).toContainText(DEB);
      await snapshot(page, testInfo, '05-compared');

      // The releases overview: this release, its tag verified, rebuilt and compared.
      await page.getByRole('button', { name: 'Releases' }).click();
      const table = page.getByRole('table', { name: /Releases/ });
      const row = table.getByRole('row', { name: new RegExp(pkg.tag.replace(/\./g, '\\.')) });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText('Verified');
      await expect(row).toContainText('Rebuilt');
      await expect(row).toContainText('1 identical');
      await snapshot(page, testInfo, '06-releases');

      // Back on the start screen, the project is the first recent one.
      await page.getByRole('button', { name: 'Switch project…' }).click();
      await expect(page.getByRole('heading', { name: 'Switch project' })).toBeFocused();
      await expect(page.getByTestId('recent-project').first()).toContainText(PACKAGE);

      expect(problems, 'no console errors (CSP violations included)').toEqual([]);
    } finally {
      await stop(server.child);
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('countersign-serve.stderr', {
          body: server.stderr() || '(empty)',
          contentType: 'text/plain',
        });
      }
      await pkg.dispose();
      await rm(outside, { recursive: true, force: true });
    }
  });
});
