import { describe, expect, it } from 'vitest';
import { parseChangelogHeader } from './debianChangelog';

const entry = (header: string) =>
  `${header}\n\n  * Non-maintainer upload.\n\n -- Dana Maintainer <dana@example.org>  Mon, 01 Jan 2024 00:00:00 +0000\n`;

describe('parseChangelogHeader', () => {
  it('reads the source, the version with its epoch, and the distribution', () => {
    expect(
      parseChangelogHeader(entry('libcompface (1:1.5.2-5.1) unstable; urgency=medium')),
    ).toEqual({ source: 'libcompface', version: '1:1.5.2-5.1', distribution: 'unstable' });
  });

  it('keeps a "~" pre-release version as written', () => {
    expect(parseChangelogHeader(entry('hello (2.1.0~rc1-1) experimental; urgency=low'))).toEqual({
      source: 'hello',
      version: '2.1.0~rc1-1',
      distribution: 'experimental',
    });
  });

  it('reads only the top entry, after leading blank lines, and several distributions', () => {
    const text = `\n\n${entry('hello (2.0-1) stable-security  bookworm; urgency=high')}${entry('hello (1.0-1) unstable; urgency=low')}`;
    expect(parseChangelogHeader(text)).toEqual({
      source: 'hello',
      version: '2.0-1',
      distribution: 'stable-security bookworm',
    });
  });

  it('refuses a garbled header', () => {
    for (const header of [
      'hello 2.0-1 unstable; urgency=low',
      'hello (2.0-1) unstable urgency=low',
      'hello (2.0-1); urgency=low',
      'hello (2.0-1) unstable; priority=low',
      'Hello (2.0-1) unstable; urgency=low',
      'hello (a:2.0) unstable; urgency=low',
      'hello (2.0 -1) unstable; urgency=low',
      'hello (2.0-1) unstable; urgency=low\u001b[2J',
      '  * a bullet before any header',
      '\u0000\u0001\u0002',
      'x'.repeat(5000),
      '',
    ]) {
      expect(parseChangelogHeader(entry(header)), header).toBeNull();
    }
    expect(parseChangelogHeader('')).toBeNull();
  });
});
