import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests drive the real CLI server (browser mode) with Debian's
 * chromium, one test at a time; screenshots and traces of failures land in
 * test-results/ for CI to keep.
 */
export default defineConfig({
  testDir: 'e2e',
  // Its own folder under test-results/: Playwright empties its outputDir at start, and
  // scripts/test.sh keeps the unit and integration reports beside it.
  outputDir: 'test-results/e2e',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [
    ['list'],
    ['./e2e/reporters/skipReasons.ts'],
    ...(process.env.CI ? [['html', { open: 'never' }] as const] : []),
  ],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1360, height: 900 },
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1360, height: 900 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--headless=new',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
});
