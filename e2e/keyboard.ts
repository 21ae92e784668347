import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Moves keyboard focus with Tab (or Shift+Tab) until `target` has it, proving
 * the control is reachable without a mouse. Fails after `limit` presses.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  options: { backwards?: boolean; limit?: number } = {},
): Promise<void> {
  const key = options.backwards ? 'Shift+Tab' : 'Tab';
  const limit = options.limit ?? 30;
  for (let presses = 0; presses < limit; presses += 1) {
    if ((await target.and(page.locator(':focus')).count()) > 0) return;
    await page.keyboard.press(key);
  }
  await expect(target, `reachable with ${key} within ${limit} presses`).toBeFocused();
}
