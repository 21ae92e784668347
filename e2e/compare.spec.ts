import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures/countersignServer';
import { testWithoutCi } from './fixtures/demoWithoutCi';
import {
  HOSTILE_NAME,
  rebuildWithCli,
  syntheticComparison,
  syntheticName,
  writeSavedComparison,
} from './fixtures/savedComparison';
import { tabTo } from './keyboard';
import { budgeted, quickly, watchProblems } from './pageChecks';
import { snapshot } from './screenshots';

/**
 * Opens step 3 with the keyboard. The release tag is chosen when the page
 * opens; a release whose review folder records its tag verified (rebuilt with
 * the CLI) has its steps open at once, its tag verified again quietly, and
 * otherwise the tag is verified here first.
 */
async function openCompareStep(
  page: Page,
  tag: string,
  { recorded }: { recorded: boolean },
): Promise<void> {
  const compareTab = page.getByTestId('step-compare');
  await expect(page.getByLabel('Tag name')).toHaveValue(tag);
  if (recorded) {
    await expect(compareTab).not.toHaveAttribute('aria-disabled', 'true');
  } else {
    await expect(compareTab).toHaveAttribute('aria-disabled', 'true');
    await expect(compareTab).toContainText('Verify the tag first');
    await page.getByLabel('Tag name').press('Enter');
  }
  await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'verified');
  await expect(compareTab).not.toHaveAttribute('aria-disabled', 'true');
  await expect(compareTab).toContainText('Compare CI artifacts with the rebuild');

  await tabTo(page, page.getByTestId('step-tag'), { backwards: true });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(compareTab).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(compareTab).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('compare-tag')).toHaveText(tag);
}

/** The row of the table at a 0-based position in the current order. */
const rowAt = (grid: Locator, index: number) =>
  grid.locator(`[data-testid="compare-row"][aria-rowindex="${index + 2}"]`);

/** Interactions must answer within 1000 ms unless a check says otherwise. */
const withinBudget = budgeted(1_000);

test.describe('Step 3, Compare (browser mode against `countersign serve`)', () => {
  test('shows the demo’s comparison and leads to the Review step for the differing package', async ({
    page,
    app,
    demo,
    home,
  }, testInfo) => {
    test.setTimeout(600_000);
    const problems = watchProblems(page);
    const tag = demo.tags.release;
    // Step 2 through the CLI (real Docker): the rebuild is what Compare reads as its local side.
    await rebuildWithCli(demo.projectFile, home, tag);

    await page.goto(app.url);
    await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
    // The rebuild recorded the tag verified: the release is chosen, Review waits for a comparison.
    await expect(page.getByTestId('step-review')).toContainText('Compare the artifacts first');
    await openCompareStep(page, tag, { recorded: true });

    // Where each side comes from: the demo's signed apt-test repository, and the rebuild.
    await expect(page.getByTestId('ci-kind')).toHaveAttribute('data-kind', 'apt');
    await expect(page.getByTestId('ci-source')).toContainText('apt:');
    await expect(page.getByTestId('repository-key-fingerprint').first()).toHaveAttribute(
      'data-fingerprint',
      /^[0-9A-F]{40}$/,
    );
    await expect(page.getByTestId('local-source')).toContainText(tag);
    await expect(page.getByTestId('compare-placeholder')).toContainText('No comparison');
    await expect(page.getByTestId('step-review')).toContainText('Compare the artifacts first');
    await snapshot(page, testInfo, '01-compare-ready');

    // Keyboard only: Tab to Compare, press Enter.
    await tabTo(page, page.getByTestId('compare-button'));
    await page.keyboard.press('Enter');
    const result = page.getByTestId('compare-result');
    await expect(result).toBeVisible({ timeout: 180_000 });
    await expect(page.getByRole('alert')).toHaveCount(0);

    const counts = { identical: 1, differs: 1, 'only-ci': 1, 'only-local': 0 };
    for (const [status, count] of Object.entries(counts)) {
      await expect(page.getByTestId(`compare-count-${status}`)).toHaveAttribute(
        'data-count',
        String(count),
      );
    }
    await expect(page.getByTestId('compare-verdict')).toContainText('2 artifacts need review');

    const grid = page.getByTestId('artifact-grid');
    const doc = grid.locator('[data-testid="compare-row"][data-package="countersign-hello-doc"]');
    await expect(doc).toHaveAttribute('data-status', 'differs');
    await expect(doc.getByTestId('compare-row-detail')).toHaveText(
      'countersign-hello-doc 1.0.0 all',
    );
    // Differing rows come first.
    await expect(rowAt(grid, 0)).toHaveAttribute('data-package', 'countersign-hello-doc');
    const docCiSha = await doc.getByTestId('compare-row-ci-sha').textContent();
    const docLocalSha = await doc.getByTestId('compare-row-local-sha').textContent();
    expect(docCiSha).toMatch(/^[0-9a-f]{64}$/);
    expect(docLocalSha).toMatch(/^[0-9a-f]{64}$/);
    expect(docCiSha).not.toBe(docLocalSha);

    const hello = grid.locator('[data-testid="compare-row"][data-package="countersign-hello"]');
    await expect(hello).toHaveAttribute('data-status', 'identical');
    await expect(hello.getByTestId('compare-row-ci-sha')).toHaveText(
      (await hello.getByTestId('compare-row-local-sha').textContent()) ?? '',
    );
    const extra = grid.locator('[data-testid="compare-row"][data-status="only-ci"]');
    await expect(extra).toHaveCount(1);
    await expect(extra).not.toHaveAttribute('data-package', /^countersign-hello(-doc)?$/);
    await expect(extra.getByTestId('compare-row-local-sha')).toHaveCount(0);
    await expect(page.getByTestId('step-review')).toContainText('Decide on each difference');
    await snapshot(page, testInfo, '02-compare-result');

    // Each count filters the table to its status; pressing it again shows all.
    const differ = page.getByTestId('compare-count-differs');
    await differ.click();
    await expect(differ).toHaveAttribute('aria-pressed', 'true');
    await expect(grid.getByTestId('compare-row')).toHaveCount(1);
    await differ.click();
    await expect(page.getByTestId('compare-filter-all')).toHaveAttribute('aria-pressed', 'true');
    await expect(grid.getByTestId('compare-row')).toHaveCount(3);

    // Keyboard: Tab reaches the first row (the differing one); Enter opens it in Review.
    await tabTo(page, rowAt(grid, 0));
    await page.keyboard.press('ArrowDown');
    await expect(rowAt(grid, 1)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(doc).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(page.getByTestId('step-review')).toHaveAttribute('aria-selected', 'true');
    const name = page.getByTestId('review-artifact-name');
    await expect(name).toContainText('countersign-hello-doc');
    await expect(name).toBeFocused();
    await expect(page.getByTestId('review-ci-sha')).toHaveText(docCiSha ?? '');
    await expect(page.getByTestId('review-local-sha')).toHaveText(docLocalSha ?? '');
    // The review itself (diffoscope's report, decisions) is covered by review.spec.ts.
    await expect(page.getByTestId('review-report')).toBeVisible();
    await expect(page.getByTestId('review-choice')).toHaveCount(1);
    await snapshot(page, testInfo, '03-review-opened');

    // The row's button leads to the same place.
    await page.getByRole('button', { name: 'Back to Compare' }).click();
    await doc.getByRole('button', { name: 'Review differences' }).click();
    await expect(page.getByTestId('step-review')).toHaveAttribute('aria-selected', 'true');
    await expect(name).toContainText('countersign-hello-doc');

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByTestId('step-compare').click();
    await expect(result).toBeVisible();
    await snapshot(page, testInfo, '04-compare-dark');

    expect(problems, 'no console errors (CSP violations included)').toEqual([]);
  });

  // No CI source is needed: the comparison is written where compare:last reads it.
  testWithoutCi(
    'stays responsive with 10,000 artifacts',
    async ({ page, app, demo, home }, testInfo) => {
      const problems = watchProblems(page);
      const tag = demo.tags.release;
      const saved = syntheticComparison(10_000);
      await writeSavedComparison(home, demo.projectId, tag, saved);

      await page.goto(app.url);
      await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
      await openCompareStep(page, tag, { recorded: false });

      // compare:last brought the saved comparison; the counts are the file's.
      const grid = page.getByTestId('artifact-grid');
      await expect(grid).toHaveAttribute('aria-rowcount', '10001');
      const { summary } = saved;
      await expect(page.getByTestId('compare-filter-all')).toHaveAttribute('data-count', '10000');
      await expect(page.getByTestId('compare-count-identical')).toHaveAttribute(
        'data-count',
        String(summary.identical),
      );
      await expect(page.getByTestId('compare-count-differs')).toHaveAttribute(
        'data-count',
        String(summary.differs),
      );
      await expect(page.getByTestId('compare-count-only-ci')).toHaveAttribute(
        'data-count',
        String(summary.onlyCi),
      );
      await expect(page.getByTestId('compare-count-only-local')).toHaveAttribute(
        'data-count',
        String(summary.onlyLocal),
      );
      const needing = summary.differs + summary.onlyCi + summary.onlyLocal;
      await expect(page.getByTestId('compare-verdict')).toContainText(
        `${needing.toLocaleString('en')} artifacts need review`,
      );
      // Review opens once a comparison with differences exists.
      await expect(page.getByTestId('step-review')).not.toHaveAttribute('aria-disabled', 'true');

      // Only a window of rows is in the DOM.
      const rows = grid.getByRole('row');
      expect(await rows.count()).toBeLessThan(200);
      await expect(rowAt(grid, 0)).toHaveAttribute('data-name', syntheticName(0));
      await snapshot(page, testInfo, '05-many-top');

      // Scrolled to the bottom: the last row (identical, greatest name) is there, and still few rows.
      await withinBudget(testInfo, 'scroll to the bottom', async () => {
        await grid.hover();
        await page.mouse.wheel(0, 1_000_000);
        await expect.poll(() => rowAt(grid, 9_999).count(), quickly).toBe(1);
      });
      await expect(rowAt(grid, 9_999)).toBeVisible();
      await expect(rowAt(grid, 9_999)).toHaveAttribute('data-name', syntheticName(9_999));
      await expect(rowAt(grid, 9_999)).toHaveAttribute('data-status', 'identical');
      expect(await rows.count()).toBeLessThan(200);
      // The header stays in view.
      await expect(page.getByTestId('sort-name')).toBeInViewport();
      await snapshot(page, testInfo, '06-many-bottom');

      // Sorting by a column header, both ways.
      const nameHeader = page.getByRole('columnheader', { name: 'Name' });
      await withinBudget(testInfo, 'sort by name', async () => {
        await page.getByTestId('sort-name').click();
        await expect
          .poll(() => rowAt(grid, 0).getAttribute('data-name'), quickly)
          .toBe(syntheticName(0));
      });
      await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
      await withinBudget(testInfo, 'sort by name, descending', async () => {
        await page.getByTestId('sort-name').click();
        await expect
          .poll(() => rowAt(grid, 0).getAttribute('data-name'), quickly)
          .toBe(HOSTILE_NAME);
      });
      await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
      await expect(rowAt(grid, 1)).toHaveAttribute('data-name', syntheticName(9_999));

      // The hostile name is text, never markup.
      await expect(rowAt(grid, 0).getByTestId('compare-row-name')).toContainText('<img src=x');
      await expect(grid.locator('img')).toHaveCount(0);
      expect(await page.title()).not.toBe('pwned');

      // Filtering by text: a name, then the start of a hash.
      const filter = page.getByLabel('Filter', { exact: true });
      const shown = page.getByTestId('compare-shown');
      await withinBudget(testInfo, 'filter by name', async () => {
        await filter.fill('synthetic-0420');
        await expect.poll(() => shown.textContent(), quickly).toBe('10 of 10,000 artifacts shown');
      });
      await expect(grid.getByTestId('compare-row')).toHaveCount(10);
      const target = saved.artifacts[4_243]!;
      await withinBudget(testInfo, 'filter by hash prefix', async () => {
        await filter.fill(target.ci!.sha256.slice(0, 12));
        await expect.poll(() => shown.textContent(), quickly).toBe('1 of 10,000 artifacts shown');
      });
      await expect(rowAt(grid, 0)).toHaveAttribute('data-name', target.name);

      // A count as a toggle, combined with no text.
      await filter.fill('');
      const onlyCi = page.getByTestId('compare-count-only-ci');
      await withinBudget(testInfo, 'show only CI-only rows', async () => {
        await onlyCi.click();
        await expect
          .poll(() => shown.textContent(), quickly)
          .toBe(`${summary.onlyCi.toLocaleString('en')} of 10,000 artifacts shown`);
      });
      await expect(onlyCi).toHaveAttribute('aria-pressed', 'true');
      await expect(rowAt(grid, 0)).toHaveAttribute('data-status', 'only-ci');
      await page.getByTestId('compare-filter-all').click();

      // Keyboard through 10,000 rows: End and Home jump, the arrows step, Enter opens Review.
      await page.getByTestId('sort-status').click();
      await expect(page.getByRole('columnheader', { name: 'Status' })).toHaveAttribute(
        'aria-sort',
        'ascending',
      );
      await tabTo(page, rowAt(grid, 0));
      await withinBudget(testInfo, 'End to the last row', async () => {
        await page.keyboard.press('End');
        await expect
          .poll(() => page.locator(':focus').getAttribute('aria-rowindex'), quickly)
          .toBe('10001');
      });
      await expect(rowAt(grid, 9_999)).toBeFocused();
      await page.keyboard.press('Home');
      await expect(rowAt(grid, 0)).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await expect(rowAt(grid, 1)).toBeFocused();
      await page.keyboard.press('ArrowUp');
      await expect(rowAt(grid, 0)).toHaveAttribute('data-name', syntheticName(0));
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('step-review')).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByTestId('review-artifact-name')).toHaveText(syntheticName(0));
      await expect(page.getByTestId('review-artifact')).toBeVisible();
      // The synthetic rows have no files behind them, so Review says why it cannot open one.
      await expect(page.getByTestId('error-alert').first()).toContainText(
        /no longer the file|gone/,
      );
      // The list to choose from is bounded too.
      expect(await page.getByTestId('review-choice').count()).toBeLessThanOrEqual(201);
      await snapshot(page, testInfo, '07-many-review');

      await page.emulateMedia({ colorScheme: 'dark' });
      await page.getByTestId('step-compare').click();
      await expect(grid).toBeVisible();
      await snapshot(page, testInfo, '08-many-dark');

      // The one expected failure: the engine's refusal (HTTP 422) to review a file that does not exist.
      const unexpected = problems.filter((problem) => !problem.includes('status of 422'));
      expect(unexpected, 'no console errors (CSP violations included)').toEqual([]);
    },
  );
});
