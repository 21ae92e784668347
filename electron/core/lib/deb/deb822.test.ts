import { describe, expect, it } from 'vitest';
import { Deb822SyntaxError, formatDeb822, parseDeb822 } from './deb822';

describe('deb822', () => {
  it('reads paragraphs, continuation lines and case-insensitive names', () => {
    const [first, second] = parseDeb822(
      'Package: hello\nDescription: greets\n a friend\n .\n twice\n\nPackage: bye\nVERSION: 1\n',
    );
    expect(first?.get('package')).toBe('hello');
    expect(first?.get('Description')).toBe('greets\na friend\n.\ntwice');
    expect(second?.get('Version')).toBe('1');
  });

  it('keeps the Release file hash lists, whose first line is empty', () => {
    const [release] = parseDeb822('Suite: stable\nSHA256:\n abc 12 main/Packages\n def 3 x\n');
    expect(release?.get('SHA256')).toBe('\nabc 12 main/Packages\ndef 3 x');
  });

  it('refuses a line that is not a field, with its number', () => {
    expect(() => parseDeb822('Package: a\nnot a field\n')).toThrow(Deb822SyntaxError);
    expect(() => parseDeb822(' leading continuation\n')).toThrow(/line 1/);
  });

  it('refuses a field given twice in one paragraph', () => {
    expect(() => parseDeb822('Package: a\nPackage: b\n')).toThrow(/twice/);
  });

  it('writes what it reads', () => {
    const text = 'Package: hello\nDescription: greets\n a friend\n\nPackage: bye\n';
    const parsed = parseDeb822(text).map((paragraph) => paragraph.entries());
    expect(formatDeb822(parsed)).toBe(text);
  });
});
