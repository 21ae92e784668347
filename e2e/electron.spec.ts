import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoRelease, repoRoot } from './fixtures/countersignServer';

/** The binary the electron package downloaded at install time, or null if it never did. */
function findElectronBinary(): string | null {
  const pathFile = join(repoRoot, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(
    repoRoot,
    'node_modules',
    'electron',
    'dist',
    readFileSync(pathFile, 'utf8').trim(),
  );
  return existsSync(binary) ? binary : null;
}

const electronBinary = findElectronBinary();
const noDisplay =
  process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

test.describe('Electron window', () => {
  test.skip(
    electronBinary === null,
    'Electron binary not installed on this machine (it cannot be downloaded here); browser-mode specs cover the UI',
  );
  test.skip(
    noDisplay,
    'Skipped: no display server for the Electron window; run it under xvfb-run (browser-mode specs cover the UI)',
  );

  let home = '';
  test.beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'countersign-electron-'));
  });
  test.afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  test('runs the page sandboxed with only the preload bridge, and verifies the release tag', async () => {
    if (!existsSync(join(repoRoot, 'out', 'main', 'main.js'))) {
      throw new Error('out/main/main.js is missing: build first with `npm run build`.');
    }
    const demo = await createDemoRelease(home);
    const app = await electron.launch({
      executablePath: electronBinary ?? undefined,
      args: ['out/main/main.js', '--project', demo.projectFile],
      cwd: repoRoot,
      env: { ...process.env, COUNTERSIGN_HOME: home },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);

      // What the page can reach: the preload's two functions, and no Node at all.
      // (Expressions as strings: they run in the page, whose globals this Node-typed file lacks.)
      expect(await page.evaluate('Object.keys(window.countersign ?? {}).sort()')).toEqual([
        'invoke',
        'onJobEvent',
      ]);
      expect(await page.evaluate('typeof require')).toBe('undefined');
      expect(await page.evaluate('typeof process')).toBe('undefined');
      expect(await page.evaluate('typeof module')).toBe('undefined');

      await page.getByLabel('Project tag').selectOption(demo.tags.release);
      await page.getByTestId('verify-button').click();
      await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'verified');
      await expect(page.getByTestId('signer-fingerprint')).toHaveAttribute(
        'data-fingerprint',
        demo.maintainer.signingSubkey,
      );
      await page.screenshot({ path: test.info().outputPath('electron-verified.png') });
    } finally {
      await app.close();
    }
  });
});
