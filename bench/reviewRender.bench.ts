// Step 4 benchmark: showing a large diffoscope report in headless Chromium.
// Countersign's Review step draws one difference's page at a time (diff2html
// on that page, then the allowlist sanitizer) while the tree lists the rest;
// the alternative is diff2html's html() on the whole diff, inserted at once.
// Both run side by side in one run, each in a fresh page, on the same
// synthetic report (5,000 changed files, 200,000 diff lines).
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from 'playwright-core';
import { DIFF2HTML_CSS, reviewRenderBundle } from './support/reviewRenderBundle';
import { syntheticReport } from './support/reviewRenderData';

const FILES = Number(process.env.BENCH_REVIEW_FILES ?? 5_000);
const LINES_PER_FILE = Number(process.env.BENCH_REVIEW_LINES_PER_FILE ?? 40);
const STEPS = 20;
const MB = 1024 * 1024;

/** What the bench page holds: the bundled rendering code, and where diffs go. */
interface BenchScope {
  reviewRender: {
    html: (diff: string, config: Record<string, unknown>) => string;
    renderDiffPageHtml: (
      text: string,
      start: null,
      options: { layout: 'line-by-line' | 'side-by-side'; highlight: boolean },
    ) => string;
    sanitizeDiffHtml: (html: string, target: unknown) => unknown;
  };
  document: {
    getElementById: (id: string) => {
      replaceChildren: (...nodes: unknown[]) => void;
      getBoundingClientRect: () => unknown;
      innerHTML: string;
      querySelectorAll: (selector: string) => { length: number };
    } | null;
  };
  performance: { now: () => number; memory: { usedJSHeapSize: number } };
  requestAnimationFrame: (callback: () => void) => void;
  setTimeout: (callback: () => void, ms: number) => void;
  benchData?: unknown;
}

interface Timing {
  /** From the start of rendering until the next frame after the diff is in the page. */
  ms: number;
  /** Of which building, inserting and laying out (the rest is waiting for the frame). */
  workMs: number;
  /** The page's used JS heap at its highest sampled point (after building, after inserting). */
  peakHeap: number;
  rows: number;
}

async function freshPage(browser: Awaited<ReturnType<typeof chromium.launch>>): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
  await page.addStyleTag({ content: await readFile(DIFF2HTML_CSS, 'utf8') });
  await page.addScriptTag({ content: await reviewRenderBundle() });
  return page;
}

/** The heap the page's JS uses now, after a full collection (the baseline and what stays). */
async function settledHeap(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
  await session.detach();
  return usedSize;
}

/** The tree's entries, as review:open brings them before any diff is asked for. */
async function loadTree(page: Page, nodes: unknown): Promise<void> {
  await page.evaluate((tree) => {
    (globalThis as unknown as BenchScope).benchData = tree;
  }, nodes);
}

/** Countersign: only the selected difference's first page is drawn, sanitized and inserted. */
async function renderOneDifference(page: Page, text: string): Promise<Timing> {
  return page.evaluate(async (pageText) => {
    const scope = globalThis as unknown as BenchScope;
    const out = scope.document.getElementById('out')!;
    const started = scope.performance.now();
    const html = scope.reviewRender.renderDiffPageHtml(pageText, null, {
      layout: 'line-by-line',
      highlight: true,
    });
    const built = scope.performance.memory.usedJSHeapSize;
    out.replaceChildren(scope.reviewRender.sanitizeDiffHtml(html, scope.document));
    out.getBoundingClientRect();
    const workMs = scope.performance.now() - started;
    await new Promise<void>((resolve) =>
      scope.requestAnimationFrame(() => scope.setTimeout(resolve, 0)),
    );
    const ms = scope.performance.now() - started;
    const inserted = scope.performance.memory.usedJSHeapSize;
    return {
      ms,
      workMs,
      peakHeap: Math.max(built, inserted),
      rows: out.querySelectorAll('tr').length,
    };
  }, text);
}

/** The alternative: diff2html's html() on the whole diff, put into the page at once. */
async function renderWholeDiff(page: Page, whole: string): Promise<Timing> {
  await page.evaluate((diff) => {
    (globalThis as unknown as BenchScope).benchData = diff;
  }, whole);
  return page.evaluate(async () => {
    const scope = globalThis as unknown as BenchScope;
    const out = scope.document.getElementById('out')!;
    const started = scope.performance.now();
    const html = scope.reviewRender.html(scope.benchData as string, {
      outputFormat: 'line-by-line',
      drawFileList: false,
      diffStyle: 'word',
    });
    const built = scope.performance.memory.usedJSHeapSize;
    out.innerHTML = html;
    out.getBoundingClientRect();
    const workMs = scope.performance.now() - started;
    await new Promise<void>((resolve) =>
      scope.requestAnimationFrame(() => scope.setTimeout(resolve, 0)),
    );
    const ms = scope.performance.now() - started;
    const inserted = scope.performance.memory.usedJSHeapSize;
    return {
      ms,
      workMs,
      peakHeap: Math.max(built, inserted),
      rows: out.querySelectorAll('tr').length,
    };
  });
}

const format = (value: number, digits = 0) =>
  value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const setupStarted = performance.now();
const report = syntheticReport(FILES, LINES_PER_FILE);
const nodes = report.files.map((file, index) => ({
  id: `synthetic.deb ▸ data.tar ▸ ${file.path}`,
  depth: 2,
  source1: file.path,
  source2: file.path,
  comments: [],
  diffLines: file.lines,
  decidable: true,
  explainedBy: null,
  index,
}));
console.log(
  `Synthetic report: ${format(FILES)} changed files, ${format(report.totalLines)} diff lines ` +
    `(${format(report.whole.length / MB, 1)} MB of diff text), made in ${format(performance.now() - setupStarted)} ms.`,
);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--enable-precise-memory-info'],
});
try {
  // (a) Countersign's Review step: the first difference, then stepping through the next ones (j).
  const ours = await freshPage(browser);
  const oursBaseline = await settledHeap(ours);
  await loadTree(ours, nodes);
  const first = await renderOneDifference(ours, report.files[0]!.text);
  const steps: number[] = [];
  let oursPeak = first.peakHeap;
  for (let step = 1; step <= STEPS; step += 1) {
    const next = await renderOneDifference(ours, report.files[step]!.text);
    steps.push(next.ms);
    oursPeak = Math.max(oursPeak, next.peakHeap);
  }
  steps.sort((a, b) => a - b);
  const stepMedian = steps[Math.floor(steps.length / 2)] ?? 0;
  const oursRetained = await settledHeap(ours);
  await ours.close();

  // (b) diff2html's html() on the whole diff, into the page at once.
  const theirs = await freshPage(browser);
  const theirsBaseline = await settledHeap(theirs);
  const whole = await renderWholeDiff(theirs, report.whole);
  const theirsRetained = await settledHeap(theirs);
  await theirs.close();

  const ratio = whole.ms / first.ms;
  console.log('');
  console.log('Time until the first difference is on screen (headless Chromium, one run):');
  console.log(
    `  Countersign, one difference's page (diff2html + sanitizer): ${format(first.ms, 1)} ms ` +
      `(${format(first.workMs, 1)} ms drawing, the rest waiting for the frame; ${format(first.rows)} table rows; ` +
      `next difference with j: median ${format(stepMedian, 1)} ms)`,
  );
  console.log(
    `  diff2html html() of the whole diff, inserted at once:       ${format(whole.ms)} ms ` +
      `(${format(whole.workMs)} ms drawing; ${format(whole.rows)} table rows)`,
  );
  console.log(
    `  ratio: ${format(ratio)}x faster (target ≥ 40x: ${ratio >= 40 ? 'met' : 'MISSED'})`,
  );
  console.log('');
  console.log('Renderer JS heap (used):');
  console.log(
    `  Countersign: peak ${format(oursPeak / MB, 1)} MB (target under 300 MB: ${oursPeak < 300 * MB ? 'met' : 'MISSED'}); ` +
      `${format(oursBaseline / MB, 1)} MB empty page, ${format(oursRetained / MB, 1)} MB after ${STEPS + 1} differences`,
  );
  console.log(
    `  whole diff:  peak ${format(whole.peakHeap / MB, 1)} MB; ` +
      `${format(theirsBaseline / MB, 1)} MB empty page, ${format(theirsRetained / MB, 1)} MB once shown`,
  );
} finally {
  await browser.close();
}
