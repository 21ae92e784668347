import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The Review step's own rendering code (renderer/src/steps/Review:
 * diffRendering.ts and sanitizeDiffHtml.ts) and diff2html's html(), bundled
 * as one script for a bare page: the benchmark times exactly what the app
 * runs, not a copy. Sets `window.reviewRender`.
 */
export async function reviewRenderBundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: [
        "import { html } from 'diff2html';",
        "import { renderDiffPageHtml } from './renderer/src/steps/Review/diffRendering';",
        "import { sanitizeDiffHtml } from './renderer/src/steps/Review/sanitizeDiffHtml';",
        'window.reviewRender = { html, renderDiffPageHtml, sanitizeDiffHtml };',
      ].join('\n'),
      resolveDir: repoRoot,
      loader: 'ts',
      sourcefile: 'reviewRenderEntry.ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no bundle for the Review rendering benchmark');
  return output.text;
}

/** diff2html's stylesheet, as the app bundles it, so both sides lay out the same tables. */
export const DIFF2HTML_CSS = `${repoRoot}node_modules/diff2html/bundles/css/diff2html.min.css`;
