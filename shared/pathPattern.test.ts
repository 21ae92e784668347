import { describe, expect, it } from 'vitest';
import { pathPattern, pathPatternProblem } from './pathPattern';

describe('pathPattern', () => {
  it('matches a file name anywhere when the pattern has no slash', () => {
    expect(pathPattern('*.gz')('./usr/share/doc/p/changelog.gz')).toBe(true);
    expect(pathPattern('README.md')('./usr/share/doc/p/README.md')).toBe(true);
    expect(pathPattern('*.gz')('./usr/share/doc/p/README')).toBe(false);
  });

  it('keeps * within a segment and lets ** cross segments', () => {
    expect(pathPattern('usr/share/*/README.md')('./usr/share/doc/README.md')).toBe(true);
    expect(pathPattern('usr/share/*/README.md')('./usr/share/doc/p/README.md')).toBe(false);
    expect(pathPattern('usr/**/README.md')('./usr/share/doc/p/README.md')).toBe(true);
    expect(pathPattern('./usr/**')('./usr/bin/x')).toBe(true);
  });

  it('takes regular-expression characters literally', () => {
    expect(pathPattern('a+b(1).txt')('./a+b(1).txt')).toBe(true);
    expect(pathPattern('a.txt')('./abtxt')).toBe(false);
  });
});

describe('sets of characters in a path pattern', () => {
  it('matches one character of a set or a range, or outside a negated one, never a slash', () => {
    expect(pathPattern('file-[0-9].txt')('./doc/file-7.txt')).toBe(true);
    expect(pathPattern('file-[0-9].txt')('./doc/file-x.txt')).toBe(false);
    expect(pathPattern('file-[!0-9].txt')('./doc/file-x.txt')).toBe(true);
    expect(pathPattern('usr[!a]share/x')('usr/share/x')).toBe(false);
    expect(pathPattern('[[]x]')('./[x]')).toBe(true);
  });

  it('refuses a set never closed, an empty one, a backward range and a slash in a set, saying why', () => {
    expect(pathPatternProblem('[[[')).toMatch(/^"\[\[\[" is not a path pattern: .*no "\]" closes/);
    expect(pathPatternProblem('usr/[]')).toMatch(/empty set/);
    expect(pathPatternProblem('[z-a]')).toMatch(/runs backwards: write it "a-z"/);
    expect(pathPatternProblem('usr[/]x')).toMatch(/never "\/"/);
    expect(pathPatternProblem('  ')).toMatch(/Give a pattern/);
    expect(() => pathPattern('[[[')).toThrow(/not a path pattern/);
  });

  it('finds no problem in the patterns reviewers write', () => {
    for (const pattern of [
      '*.gz',
      'usr/share/doc/**',
      './usr/**',
      'a+b(1).txt',
      'file-049??.txt',
    ]) {
      expect(pathPatternProblem(pattern)).toBeNull();
    }
  });
});
