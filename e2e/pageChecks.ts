import { expect, type Page, type TestInfo } from '@playwright/test';

/** Collects console errors (CSP violations included) and uncaught page errors. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/**
 * An interaction check that fails when the interaction took longer than the
 * budget, keeping the time in the report. Budgets catch a freeze; the
 * benchmarks report the figures.
 */
export function budgeted(defaultBudgetMs: number) {
  return async function withinBudget(
    testInfo: TestInfo,
    label: string,
    action: () => Promise<void>,
    budgetMs = defaultBudgetMs,
  ): Promise<void> {
    const started = performance.now();
    await action();
    const elapsed = Math.round(performance.now() - started);
    testInfo.annotations.push({ type: 'timing', description: `${label}: ${elapsed} ms` });
    expect(elapsed, `${label} took ${elapsed} ms`).toBeLessThan(budgetMs);
  };
}

/** Polls often, so a measured time is the app's and not the poll interval's. */
export const quickly = { intervals: [20], timeout: 5_000 };
