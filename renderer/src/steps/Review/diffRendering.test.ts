import { describe, expect, it } from 'vitest';
import {
  diff2htmlInput,
  diffChunks,
  endOfPage,
  highlightsWords,
  renderDiffPageHtml,
  WORD_HIGHLIGHT_MAX_LINES,
} from './diffRendering';

const PAGE_ONE = [
  '@@ -10,4 +10,4 @@',
  ' same',
  '-Built 10:00 UTC',
  '+Built 11:00 UTC',
  ' same',
].join('\n');

describe('rendering a diff page by page', () => {
  it('carries the line numbers from one page to the next', () => {
    expect(endOfPage(PAGE_ONE, null)).toEqual({ oldLine: 13, newLine: 13 });
    expect(endOfPage(' more\n+added\n', { oldLine: 13, newLine: 13 })).toEqual({
      oldLine: 14,
      newLine: 15,
    });
    expect(endOfPage('no hunk here', null)).toBeNull();
  });

  it('gives a page that starts inside a hunk a header, so none of its lines is dropped', () => {
    expect(diff2htmlInput(PAGE_ONE, null)).toBe(`--- a/ci\n+++ b/rebuild\n${PAGE_ONE}`);
    expect(diff2htmlInput(' more\n', { oldLine: 13, newLine: 13 })).toBe(
      '--- a/ci\n+++ b/rebuild\n@@ -13 +13 @@ continued\n more\n',
    );
    const html = renderDiffPageHtml(
      ' more\n-old\n+new\n',
      { oldLine: 13, newLine: 13 },
      {
        layout: 'line-by-line',
        highlight: true,
      },
    );
    expect(html).toContain('more');
    expect(html).toContain('>14<');
  });

  it('draws both layouts, and highlights words only when asked', () => {
    const lineByLine = renderDiffPageHtml(PAGE_ONE, null, {
      layout: 'line-by-line',
      highlight: true,
    });
    expect(lineByLine).toContain('d2h-file-diff');
    expect(lineByLine).toMatch(/<del>10<\/del>/);
    const sideBySide = renderDiffPageHtml(PAGE_ONE, null, {
      layout: 'side-by-side',
      highlight: true,
    });
    expect(sideBySide).toContain('d2h-files-diff');
    const plain = renderDiffPageHtml(PAGE_ONE, null, { layout: 'line-by-line', highlight: false });
    expect(plain).not.toMatch(/<(del|ins)>/);
    expect(plain).toContain('Built 11:00 UTC');
    expect(highlightsWords(WORD_HIGHLIGHT_MAX_LINES)).toBe(true);
    expect(highlightsWords(WORD_HIGHLIGHT_MAX_LINES + 1)).toBe(false);
  });

  it('cuts a page larger than asked for into chunks that carry the line numbers on', () => {
    const text = ['@@ -1,4 +1,4 @@', ' a', '-b', '+B', ' c', ' d'].join('\n') + '\n';
    const chunks = diffChunks([{ from: 0, text }], 4);
    expect(chunks.map((chunk) => [chunk.from, chunk.lineCount])).toEqual([
      [0, 4],
      [4, 2],
    ]);
    expect(chunks[1]).toMatchObject({ text: ' c\n d\n', start: { oldLine: 3, newLine: 3 } });
    const paged = diffChunks(
      [
        { from: 0, text: chunks[0]!.text },
        { from: 4, text: chunks[1]!.text },
      ],
      2_000,
    );
    expect(paged.map((chunk) => chunk.start)).toEqual([null, { oldLine: 3, newLine: 3 }]);
    expect(diffChunks([{ from: 0, text: '' }], 10)).toEqual([]);
  });
});
