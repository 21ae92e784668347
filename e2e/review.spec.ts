import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/countersignServer';
import { bundleRendererModule } from './fixtures/rendererModule';
import { testWithoutCi } from './fixtures/demoWithoutCi';
import {
  compareWithCli,
  HOSTILE_LINES,
  HOSTILE_MEMBER,
  HOSTILE_PACKAGE,
  LARGE_REPORT_ARTIFACT,
  LARGE_REPORT_DIFFERENCES,
  largeReportPath,
  LONG_DIFF_INDEX,
  LONG_DIFF_LINES,
  syntheticDiff,
  testWithHostileRelease,
  writeLargeReport,
} from './fixtures/reviewRelease';
import { rebuildWithCli } from './fixtures/savedComparison';
import { budgeted, quickly, watchProblems } from './pageChecks';
import { snapshot } from './screenshots';

/**
 * Verifies the release tag in step 1, opens step 3 (its saved comparison),
 * and follows a package's "Review differences" into step 4.
 */
async function openReview(
  page: Page,
  tag: string,
  artifact: { package: string } | { name: string },
): Promise<void> {
  await page.getByLabel('Tag name').fill(tag);
  await page.getByLabel('Tag name').press('Enter');
  await expect(page.getByTestId('tag-verdict')).toHaveAttribute('data-verdict', 'verified');
  await page.getByTestId('step-compare').click();
  const [attribute, value] =
    'package' in artifact ? ['data-package', artifact.package] : ['data-name', artifact.name];
  const row = page.locator(`[data-testid="compare-row"][${attribute}="${value}"]`);
  await expect(row).toHaveAttribute('data-status', 'differs');
  await row.getByRole('button', { name: 'Review differences' }).click();
  await expect(page.getByTestId('step-review')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('review-artifact-name')).toContainText(value);
}

/** Interactions must answer within 2000 ms unless a check says otherwise. */
const withinBudget = budgeted(2_000);

const selectedNode = (page: Page) =>
  page.locator('[data-testid="review-node"][aria-selected="true"]');

test.describe('Step 4, Review (browser mode against `countersign serve`)', () => {
  test('accepts the demo’s one difference and sees the package approved', async ({
    page,
    app,
    demo,
    home,
  }, testInfo) => {
    test.setTimeout(600_000);
    const problems = watchProblems(page);
    const tag = demo.tags.release;
    // Steps 2 and 3 through the CLI (real Docker), into the server's review folder.
    await rebuildWithCli(demo.projectFile, home, tag);
    await compareWithCli(demo.projectFile, home, tag);

    await page.goto(app.url);
    await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
    await openReview(page, tag, { package: 'countersign-hello-doc' });
    await expect(page.getByTestId('review-artifact-name')).toBeFocused();
    const choice = page.locator('[data-testid="review-choice"][aria-current="true"]');
    await expect(choice).toContainText('countersign-hello-doc');

    // Opening started diffoscope's full report in the background; the step follows it to the end.
    const report = page.getByTestId('review-report');
    await expect(report).toHaveAttribute('data-state', 'ready', { timeout: 240_000 });
    await expect(report).toContainText('diffoscope');
    const verdict = page.getByTestId('review-verdict');
    await expect(verdict).toHaveAttribute('data-verdict', 'unreviewed');
    await expect(page.getByTestId('review-count-all')).toHaveAttribute('data-count', '1');
    await expect(page.getByTestId('review-count-unreviewed')).toHaveAttribute('data-count', '1');
    await expect(page.getByTestId('review-keys')).toContainText('next unreviewed');
    await snapshot(page, testInfo, '01-review-report');

    // Keyboard only: n goes to the one difference awaiting a decision, the README's line.
    await page.keyboard.press('n');
    const selected = selectedNode(page);
    await expect(selected).toBeFocused();
    await expect(selected).toHaveAttribute('data-name', /README/);
    await expect(selected).toHaveAttribute('data-status', 'unreviewed');
    // k and j step between differences; the md5sums follows from the README and is shown greyed.
    await page.keyboard.press('k');
    await expect(selected).toHaveAttribute('data-name', /md5sums/);
    await expect(selected).toHaveAttribute('data-explained', 'true');
    await expect(selected).toContainText(/follows from .*README/);
    await expect(page.getByTestId('review-explained')).toContainText('follows from');
    await page.keyboard.press('j');
    await expect(selected).toHaveAttribute('data-name', /README/);
    await expect(selected).toBeFocused();

    // The diff shows exactly one changed line: CI's build stamp against the rebuild's.
    const diff = page.getByTestId('review-diff');
    await expect(diff).toHaveAttribute('data-layout', 'line-by-line');
    await expect(diff.locator('tr:has(td.d2h-del)')).toHaveCount(1);
    await expect(diff.locator('tr:has(td.d2h-ins)')).toHaveCount(1);
    await expect(diff.locator('td.d2h-del .d2h-code-line-ctn')).toContainText('Built');
    await expect(diff.locator('td.d2h-ins .d2h-code-line-ctn')).toContainText('Built');
    // v shows it side by side, and back.
    await page.keyboard.press('v');
    await expect(diff).toHaveAttribute('data-layout', 'side-by-side');
    await expect(diff.locator('.d2h-file-side-diff')).toHaveCount(2);
    await snapshot(page, testInfo, '02-review-side-by-side');
    await page.keyboard.press('v');
    await expect(diff).toHaveAttribute('data-layout', 'line-by-line');

    // a: accept. Focus goes to the comment box; an empty comment is refused.
    await page.keyboard.press('a');
    const comment = page.getByTestId('review-comment');
    await expect(comment).toBeFocused();
    await expect(comment).toHaveAttribute('data-intent', 'accepted');
    await page.keyboard.press('Enter');
    await expect(comment).toHaveAttribute('aria-invalid', 'true');
    await expect(verdict).toHaveAttribute('data-verdict', 'unreviewed');
    // Letters typed here are text, not shortcuts.
    const reason = 'Only the build time differs (CI stamped another hour); nothing else, harmless.';
    await page.keyboard.type(reason);
    await expect(comment).toHaveValue(reason);
    await expect(selected).toHaveAttribute('data-name', /README/);
    await page.keyboard.press('Enter');

    await expect(verdict).toHaveAttribute('data-verdict', 'approved');
    await expect(page.getByTestId('review-decision')).toHaveAttribute('data-decision', 'accepted');
    await expect(page.getByTestId('review-decision-comment')).toHaveText(reason);
    await expect(page.getByTestId('review-decision-reviewer')).not.toBeEmpty();
    await expect(page.getByTestId('review-count-accepted')).toHaveAttribute('data-count', '1');
    await expect(page.getByTestId('review-count-unreviewed')).toHaveAttribute('data-count', '0');
    await expect(choice).toHaveAttribute('data-verdict', 'approved');
    await expect(page.getByTestId('review-summary')).toHaveAttribute('data-approved', 'true');
    // Focus is back in the tree, so the next key walks on.
    await expect(selected).toBeFocused();
    await expect(selected).toHaveAttribute('data-status', 'accepted');
    await snapshot(page, testInfo, '03-review-approved');

    // The decision is in the audit log: a fresh page shows it.
    // A reload brings the release back as its review folder records it: the tag needs no typing again.
    await page.reload();
    await expect(page.getByTestId('step-review')).toHaveAttribute('aria-selected', 'true');
    await page.getByTestId('step-compare').click();
    const row = page.locator('[data-testid="compare-row"][data-package="countersign-hello-doc"]');
    await row.getByRole('button', { name: 'Review differences' }).click();
    await expect(page.getByTestId('review-artifact-name')).toContainText('countersign-hello-doc');
    await expect(report).toHaveAttribute('data-state', 'ready');
    await expect(verdict).toHaveAttribute('data-verdict', 'approved');
    await page.getByTestId('review-count-accepted').click();
    await page.locator('[data-testid="review-node"][data-name*="README"]').click();
    await expect(selected).toHaveAttribute('data-status', 'accepted');
    await expect(page.getByTestId('review-decision-comment')).toHaveText(reason);

    await page.emulateMedia({ colorScheme: 'dark' });
    await snapshot(page, testInfo, '04-review-dark');
    expect(problems, 'no console errors (CSP violations included)').toEqual([]);
  });

  testWithHostileRelease(
    'renders hostile names and diff content as text',
    async ({ page, app, demo }, testInfo) => {
      test.setTimeout(300_000);
      const problems = watchProblems(page);
      await page.goto(app.url);
      await expect(page.getByTestId('project-name')).toHaveText(demo.projectName);
      await openReview(page, demo.tags.release, { package: HOSTILE_PACKAGE });
      await expect(page.getByTestId('review-report')).toHaveAttribute('data-state', 'ready', {
        timeout: 240_000,
      });

      // The hostile member, in the tree and as the selected difference's title, as text. The
      // packages' file lists differ too (their dates): j walks on to the member.
      const selected = selectedNode(page);
      const hostileName = /<img src=x onerror=/;
      await page.keyboard.press('n');
      for (let presses = 0; presses < 5; presses += 1) {
        await expect(selected).toBeFocused();
        if (hostileName.test((await selected.getAttribute('data-name')) ?? '')) break;
        await page.keyboard.press('j');
      }
      await expect(selected).toHaveAttribute('data-name', hostileName);
      await expect(selected).toContainText(HOSTILE_MEMBER);
      await expect(page.getByTestId('review-detail-title')).toContainText(HOSTILE_MEMBER);

      // The diff holds the hostile lines as text, in both layouts, and nothing ran.
      const diff = page.getByTestId('review-diff');
      for (const layout of ['line-by-line', 'side-by-side']) {
        await expect(diff).toHaveAttribute('data-layout', layout);
        const pages = page.getByTestId('review-diff-pages');
        await expect(pages).toContainText(HOSTILE_LINES.script);
        await expect(pages).toContainText(HOSTILE_LINES.hunk);
        await expect(pages).toContainText('<img src=x onerror=window.__pwned=1>');
        await expect(pages).toContainText('<svg onload=window.__pwned=1>');
        await expect(diff.locator('img, script, svg, iframe, a, style')).toHaveCount(0);
        await snapshot(page, testInfo, `05-hostile-${layout}`);
        if (layout === 'line-by-line') await page.keyboard.press('v');
      }
      await expect(page.locator('main img, main script, main svg, main iframe')).toHaveCount(0);
      expect(
        await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned),
      ).toBeUndefined();

      // Decide by rule, counted first: the file lists left to decide on their own. A list that
      // differs only in the hostile member's size (and so data.tar's) follows from it and is
      // never a rule's; one whose dates differ too (the packages were built in different
      // seconds) is its own difference.
      const ownLists = await page
        .locator('[data-testid="review-node"][data-name="file list"]:not([data-explained])')
        .count();
      await page.getByTestId('review-open-rule').click();
      await page.getByTestId('review-rule-pattern').fill('file list');
      await expect(page.getByTestId('review-rule-count')).toHaveAttribute(
        'data-count',
        String(ownLists),
      );
      if (ownLists > 0) {
        await expect(page.getByTestId('review-rule-accept')).toHaveText(
          `Accept ${ownLists} difference${ownLists === 1 ? '' : 's'}`,
        );
        await page
          .getByTestId('review-rule-comment')
          .fill('The two packages were built at different times: only member dates differ.');
        await page.getByTestId('review-rule-accept').click();
      } else {
        await page.getByTestId('review-rule-pattern').press('Escape');
      }
      await expect(page.getByTestId('review-count-accepted')).toHaveAttribute(
        'data-count',
        String(ownLists),
      );
      await expect(page.getByTestId('review-count-unreviewed')).toHaveAttribute('data-count', '1');

      // The hostile member is what is left: n finds it, b blocks it (no comment needed).
      await page.keyboard.press('n');
      await expect(selected).toHaveAttribute('data-name', hostileName);
      await page.keyboard.press('b');
      await expect(page.getByTestId('review-comment')).toHaveAttribute('data-intent', 'blocking');
      await page.keyboard.press('Enter');
      const verdict = page.getByTestId('review-verdict');
      await expect(verdict).toHaveAttribute('data-verdict', 'blocked');
      await expect(selected).toHaveAttribute('data-status', 'blocking');
      await expect(page.getByTestId('review-choice')).toHaveAttribute('data-verdict', 'blocked');
      await snapshot(page, testInfo, '06-hostile-blocked');
      expect(problems, 'no console errors (CSP violations included)').toEqual([]);
    },
  );

  // No CI source is needed: the comparison and diffoscope's report are written where the engine reads them.
  testWithoutCi(
    'stays smooth with a report of 5,000 differences',
    async ({ page, app, demo, home }, testInfo) => {
      const problems = watchProblems(page);
      const tag = demo.tags.release;
      await writeLargeReport(home, demo.projectId, tag);
      await page.goto(app.url);
      await openReview(page, tag, { name: LARGE_REPORT_ARTIFACT });
      await expect(page.getByTestId('review-report')).toHaveAttribute('data-state', 'ready');
      await expect(page.getByTestId('review-count-all')).toHaveAttribute(
        'data-count',
        String(LARGE_REPORT_DIFFERENCES),
      );

      // Only a window of the tree's rows is in the DOM.
      const tree = page.getByTestId('review-tree');
      await expect(tree).toHaveAttribute('data-rows', String(LARGE_REPORT_DIFFERENCES + 1));
      const rows = tree.getByTestId('review-node');
      expect(await rows.count()).toBeLessThan(100);

      // The keyboard through 5,000 differences: n, End and Home jump, j steps.
      // The first difference awaiting a decision is selected on opening; n goes to the next.
      const selected = selectedNode(page);
      await expect(selected).toHaveAttribute('data-name', largeReportPath(0));
      await page.keyboard.press('n');
      await expect(selected).toHaveAttribute('data-name', largeReportPath(1));
      await expect(selected).toBeFocused();
      await withinBudget(testInfo, 'End to the last difference', async () => {
        await page.keyboard.press('End');
        await expect
          .poll(() => page.locator(':focus').getAttribute('data-name'), quickly)
          .toBe(largeReportPath(LARGE_REPORT_DIFFERENCES - 1));
      });
      await expect(selected).toBeInViewport();
      expect(await rows.count()).toBeLessThan(100);
      await snapshot(page, testInfo, '07-large-bottom');
      await withinBudget(testInfo, 'Home to the first difference', async () => {
        await page.keyboard.press('Home');
        await expect
          .poll(() => page.locator(':focus').getAttribute('data-name'), quickly)
          .toBe(largeReportPath(0));
      });
      for (let step = 1; step <= LONG_DIFF_INDEX; step += 1) {
        await withinBudget(testInfo, `j to difference ${step}`, async () => {
          await page.keyboard.press('j');
          await expect
            .poll(() => page.locator(':focus').getAttribute('data-name'), quickly)
            .toBe(largeReportPath(step));
        });
      }

      // A long diff comes in pages of 2,000 lines, without word highlighting.
      const count = page.getByTestId('review-diff-count');
      await expect(count).toHaveText(
        `2,000 of ${LONG_DIFF_LINES.toLocaleString('en')} lines · word highlighting off for a diff this large`,
      );
      const diff = page.getByTestId('review-diff');
      await expect(diff.locator('del, ins')).toHaveCount(0);
      const more = page.getByTestId('review-diff-more');
      await more.click();
      await expect(count).toContainText(`4,000 of ${LONG_DIFF_LINES.toLocaleString('en')} lines`);
      await more.click();
      await expect(count).toContainText(`5,500 of ${LONG_DIFF_LINES.toLocaleString('en')} lines`);
      await expect(more).toHaveCount(0);
      // Every line is there once, numbered on across the pages.
      const lines = syntheticDiff(LONG_DIFF_INDEX, LONG_DIFF_LINES).split('\n');
      const deleted = lines.filter((line) => line.startsWith('-')).length;
      const inserted = lines.filter((line) => line.startsWith('+')).length;
      await expect(diff.locator('tr:has(td.d2h-del)')).toHaveCount(deleted);
      await expect(diff.locator('tr:has(td.d2h-ins)')).toHaveCount(inserted);
      await expect(diff.locator('tr:has(td.d2h-ins) .line-num2').last()).toHaveText(
        String(LONG_DIFF_LINES - 1 - deleted),
      );

      // A rule's reach shows before anything is decided.
      await page.getByTestId('review-open-rule').click();
      await page.getByTestId('review-rule-pattern').fill('file-049??.txt');
      await expect(page.getByTestId('review-rule-count')).toHaveAttribute('data-count', '100');
      await page.getByTestId('review-rule-pattern').press('Escape');
      await expect(page.getByTestId('review-rule')).toHaveCount(0);

      // The filters: nothing is accepted yet.
      await page.getByTestId('review-count-accepted').click();
      await expect(page.getByTestId('review-tree-empty')).toBeVisible();
      await page.getByTestId('review-count-all').click();
      await expect(tree).toHaveAttribute('data-rows', String(LARGE_REPORT_DIFFERENCES + 1));
      await snapshot(page, testInfo, '08-large-paged');
      expect(problems, 'no console errors (CSP violations included)').toEqual([]);
    },
  );

  test('keeps only diff2html’s table markup when it sanitizes a diff', async ({ page }) => {
    const sanitizer = await bundleRendererModule(
      'renderer/src/steps/Review/sanitizeDiffHtml.ts',
      'DiffSanitizer',
    );
    await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
    await page.addScriptTag({ content: sanitizer });
    const html = await page.evaluate(async () => {
      // The page's own globals, typed here without the DOM library (this file runs in Node).
      interface Sanitized {
        innerHTML: string;
        replaceChildren: (...nodes: unknown[]) => void;
      }
      const scope = globalThis as unknown as {
        DiffSanitizer: { sanitizeDiffHtml: (html: string, target: unknown) => unknown };
        document: { getElementById: (id: string) => Sanitized | null };
      };
      const hostile = [
        '<div class="d2h-wrapper" onclick="window.__pwned=1" id="x" style="color:red">',
        '<img src=x onerror="window.__pwned=1">',
        '<script>window.__pwned=1</script>',
        // In SVG's namespace a <td> is no table cell: it goes, with the svg.
        '<svg onload="window.__pwned=1"><td class="d2h-ins">in svg</td></svg>',
        '<math><mi xlink:href="javascript:window.__pwned=1">m</mi></math>',
        '<table class="d2h-diff-table"><tbody><tr>',
        '<td class="d2h-del panel" colspan="2" style="position:fixed" data-x="1">',
        '<span class="d2h-code-line-ctn">&lt;b&gt;kept as text&lt;/b&gt;',
        '<a href="javascript:window.__pwned=1">link</a><ins onmouseover="window.__pwned=1">ok</ins>',
        '</span></td></tr></tbody></table>',
        '<style>body{display:none}</style><iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
        '<template><img src=x onerror="window.__pwned=1"></template><!-- comment -->',
        '<noscript><img src=x onerror="window.__pwned=1"></noscript>',
        '<form action="https://example.org"><input name=a></form>',
        '<div class="d2h-file-header"><span class="d2h-file-name">dropped</span></div>',
        '</div>',
      ].join('');
      const out = scope.document.getElementById('out')!;
      out.replaceChildren(scope.DiffSanitizer.sanitizeDiffHtml(hostile, scope.document));
      await new Promise((resolve) => setTimeout(resolve, 200));
      return out.innerHTML;
    });
    expect(html).toBe(
      '<div class="d2h-wrapper"><table class="d2h-diff-table"><tbody><tr><td class="d2h-del" colspan="2">' +
        '<span class="d2h-code-line-ctn">&lt;b&gt;kept as text&lt;/b&gt;<ins>ok</ins></span>' +
        '</td></tr></tbody></table></div>',
    );
    expect(
      await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned),
    ).toBeUndefined();
  });
});
