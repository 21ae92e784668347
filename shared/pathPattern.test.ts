import { describe, expect, it } from 'vitest';
import { pathPattern } from './pathPattern';

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
