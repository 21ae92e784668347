import { html } from 'diff2html';
import type { ColorSchemeType } from 'diff2html/lib-esm/types';

/** Lines asked for per page of a node's diff: "Load more" brings the next page. */
export const DIFF_PAGE_LINES = 2_000;
/** Above this many lines in a node's diff, word-level highlighting is off: it multiplies the DOM. */
export const WORD_HIGHLIGHT_MAX_LINES = 5_000;

export type DiffLayout = 'line-by-line' | 'side-by-side';

/** The line numbers the next diff line has on each side. */
export interface HunkPosition {
  oldLine: number;
  newLine: number;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/**
 * Where a page of unified diff ends: the line numbers its next line would
 * have, counted from its hunk headers and its lines. `start` is where the page
 * begins when it continues a hunk from the previous page.
 */
export function endOfPage(text: string, start: HunkPosition | null): HunkPosition | null {
  let position = start === null ? null : { ...start };
  for (const line of text.split('\n')) {
    const header = HUNK_HEADER.exec(line);
    if (header) {
      position = { oldLine: Number(header[1]), newLine: Number(header[2]) };
    } else if (position !== null) {
      if (line.startsWith('-')) position.oldLine += 1;
      else if (line.startsWith('+')) position.newLine += 1;
      else if (line.startsWith(' ')) {
        position.oldLine += 1;
        position.newLine += 1;
      }
    }
  }
  return position;
}

/**
 * The text diff2html parses for one page: a file header of our own (it is
 * dropped from the output; the step shows the names as text) and, when the
 * page starts inside a hunk, a hunk header carrying the line numbers on, so
 * diff2html neither drops the page's first lines nor numbers them from 0.
 */
export function diff2htmlInput(text: string, start: HunkPosition | null): string {
  const header = '--- a/ci\n+++ b/rebuild\n';
  if (text.startsWith('@@')) return header + text;
  const { oldLine, newLine } = start ?? { oldLine: 1, newLine: 1 };
  return `${header}@@ -${oldLine} +${newLine} @@ continued\n${text}`;
}

/** A part of a diff drawn on its own: at most one page's worth of lines. */
export interface DiffChunk {
  /** The line of the whole diff it starts at. */
  from: number;
  lineCount: number;
  text: string;
  /** Where it starts when it continues a hunk of the chunk before. */
  start: HunkPosition | null;
}

/**
 * The loaded pages cut into chunks of at most `size` lines, each knowing where
 * its hunk's line numbers stand: a page the engine sent larger than asked (a
 * member's whole diff) is still drawn a part at a time.
 */
export function diffChunks(
  pages: readonly { from: number; text: string }[],
  size: number,
): DiffChunk[] {
  const chunks: DiffChunk[] = [];
  let position: HunkPosition | null = null;
  for (const page of pages) {
    const lines = page.text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    for (let offset = 0; offset < lines.length; offset += size) {
      const part = lines.slice(offset, offset + size);
      const text = `${part.join('\n')}\n`;
      chunks.push({ from: page.from + offset, lineCount: part.length, text, start: position });
      position = endOfPage(text, position);
    }
  }
  return chunks;
}

export interface DiffRenderOptions {
  layout: DiffLayout;
  /** Word-level highlighting within changed lines; off for very large diffs. */
  highlight: boolean;
}

/**
 * diff2html's HTML for one page. It is a string built from hostile text: the
 * caller must pass it through `sanitizeDiffHtml`, never into the page as is.
 */
export function renderDiffPageHtml(
  text: string,
  start: HunkPosition | null,
  options: DiffRenderOptions,
): string {
  return html(diff2htmlInput(text, start), {
    outputFormat: options.layout,
    drawFileList: false,
    diffStyle: 'word',
    // Pairing lines and highlighting words inside them is the costly part; a big diff skips both.
    matching: options.highlight ? 'lines' : 'none',
    maxLineLengthHighlight: options.highlight ? 10_000 : -1,
    // diff2html's own enum value; its module is not loaded for a type.
    colorScheme: 'auto' as ColorSchemeType,
    renderNothingWhenEmpty: false,
  });
}

/** Whether word-level highlighting is on for a diff of this many lines. */
export function highlightsWords(totalLines: number): boolean {
  return totalLines <= WORD_HIGHLIGHT_MAX_LINES;
}
