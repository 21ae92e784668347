import { describe, expect, it } from 'vitest';
import { allowedAttribute, isAllowedTag, isDroppedSubtree } from './sanitizeDiffHtml';

// The DOM walk itself runs in Chromium: e2e/review.spec.ts feeds it hostile markup.
describe('the diff sanitizer’s allowlist', () => {
  it('rebuilds only the elements of diff2html’s tables', () => {
    for (const tag of ['table', 'tbody', 'tr', 'td', 'div', 'span', 'del', 'ins']) {
      expect(isAllowedTag(tag)).toBe(true);
    }
    for (const tag of ['script', 'img', 'svg', 'a', 'style', 'iframe', 'input', 'label', 'form']) {
      expect(isAllowedTag(tag)).toBe(false);
    }
  });

  it('keeps only diff2html’s class names and a small colspan', () => {
    expect(allowedAttribute('td', 'class', 'd2h-del d2h-change')).toBe('d2h-del d2h-change');
    expect(allowedAttribute('div', 'class', 'line-num1')).toBe('line-num1');
    expect(allowedAttribute('span', 'class', 'button button--primary d2h-ins')).toBe('d2h-ins');
    expect(allowedAttribute('span', 'class', 'panel')).toBeNull();
    expect(allowedAttribute('td', 'colspan', '2')).toBe('2');
    expect(allowedAttribute('td', 'colspan', '2; x')).toBeNull();
    expect(allowedAttribute('div', 'colspan', '2')).toBeNull();
    for (const name of ['style', 'onerror', 'onclick', 'href', 'src', 'id', 'data-lang', 'title']) {
      expect(allowedAttribute('div', name, 'x')).toBeNull();
    }
  });

  it('leaves out diff2html’s own file header (the step names the file itself)', () => {
    expect(isDroppedSubtree('d2h-file-header')).toBe(true);
    expect(isDroppedSubtree('d2h-file-diff')).toBe(false);
    expect(isDroppedSubtree(null)).toBe(false);
  });
});
