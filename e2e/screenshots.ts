import type { Page, TestInfo } from '@playwright/test';

/** Saves a full-page screenshot of the current state into this test's folder under test-results/. */
export async function snapshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({
    path: testInfo.outputPath(`${name}.png`),
    fullPage: true,
    animations: 'disabled',
  });
}
