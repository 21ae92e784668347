import { describe, expect, it } from 'vitest';
import { appendCapped, filterLines, splitOnMatches } from './logSearch';

describe('log search', () => {
  it('keeps only the newest lines and numbers them across drops', () => {
    const first = appendCapped([], ['a', 'b', 'c'], 4);
    expect(first).toEqual({
      lines: [
        { seq: 0, text: 'a' },
        { seq: 1, text: 'b' },
        { seq: 2, text: 'c' },
      ],
      dropped: 0,
    });
    const second = appendCapped(first.lines, ['d', 'e'], 4);
    expect(second.dropped).toBe(1);
    expect(second.lines.map((line) => `${line.seq}:${line.text}`)).toEqual([
      '1:b',
      '2:c',
      '3:d',
      '4:e',
    ]);
  });

  it('filters lines by the query, ignoring case, and keeps all for a blank query', () => {
    const lines = appendCapped([], ['Setting up gcc', 'dpkg-deb: building', 'GCC done'], 10).lines;
    expect(filterLines(lines, 'gcc').map((line) => line.seq)).toEqual([0, 2]);
    expect(filterLines(lines, '  ')).toBe(lines);
  });

  it('splits a line around every match, keeping the original case', () => {
    expect(splitOnMatches('Gcc and gcc', 'gcc')).toEqual([
      { text: 'Gcc', match: true },
      { text: ' and ', match: false },
      { text: 'gcc', match: true },
    ]);
    expect(splitOnMatches('no match here', 'zzz')).toEqual([
      { text: 'no match here', match: false },
    ]);
  });
});
