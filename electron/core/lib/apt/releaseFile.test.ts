import { describe, expect, it } from 'vitest';
import { CountersignError } from '../../../../shared/errors';
import { formatReleaseDate, parseReleaseDate } from './releaseDate';
import { parseReleaseFile } from './releaseFile';

const A = 'a'.repeat(64);
const B = 'B'.repeat(64);

const release = (
  extra = '',
  hashes = ` ${A}              123 main/binary-amd64/Packages\n ${B}               45 main/binary-amd64/Packages.xz\n`,
) =>
  `Origin: CI\nLabel: CI\nSuite: testing\nCodename: trixie\nDate: Sun, 01 Feb 2026 10:00:00 UTC\nArchitectures: amd64 all\nComponents: main contrib\n${extra}MD5Sum:\n ${'c'.repeat(32)} 123 main/binary-amd64/Packages\nSHA256:\n${hashes}`;

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof CountersignError) return error.code;
    throw error;
  }
  throw new Error('did not throw');
}

describe('parseReleaseFile', () => {
  it('reads the suite, components, architectures, dates and the SHA256 list', () => {
    const parsed = parseReleaseFile(
      release('Valid-Until: Sun, 08 Feb 2026 10:00:00 UTC\nAcquire-By-Hash: yes\n'),
    );
    expect(parsed.suite).toBe('testing');
    expect(parsed.codename).toBe('trixie');
    expect(parsed.components).toEqual(['main', 'contrib']);
    expect(parsed.architectures).toEqual(['amd64', 'all']);
    expect(parsed.date?.toISOString()).toBe('2026-02-01T10:00:00.000Z');
    expect(parsed.validUntil?.toISOString()).toBe('2026-02-08T10:00:00.000Z');
    expect(parsed.acquireByHash).toBe(true);
    expect([...parsed.sha256.values()]).toEqual([
      { path: 'main/binary-amd64/Packages', size: 123, sha256: A },
      { path: 'main/binary-amd64/Packages.xz', size: 45, sha256: B.toLowerCase() },
    ]);
  });

  it('treats Valid-Until and Acquire-By-Hash as optional', () => {
    const parsed = parseReleaseFile(release());
    expect(parsed.validUntil).toBeNull();
    expect(parsed.acquireByHash).toBe(false);
  });

  it('accepts a Release with only a Codename', () => {
    expect(parseReleaseFile(release().replace('Suite: testing\n', '')).codename).toBe('trixie');
  });

  it('refuses a Release without SHA256 hashes instead of falling back to MD5', () => {
    const text = release().replace(/SHA256:\n[\s\S]*$/, '');
    expect(codeOf(() => parseReleaseFile(text))).toBe('INVALID_REPOSITORY');
    expect(() => parseReleaseFile(text)).toThrow(/never falls back to MD5/);
  });

  it.each([
    ['neither Suite nor Codename', (text: string) => text.replace(/Suite: .*\nCodename: .*\n/, '')],
    ['no Components', (text: string) => text.replace(/Components: .*\n/, '')],
    ['no Architectures', (text: string) => text.replace(/Architectures: .*\n/, '')],
    [
      'a Date that is not a date',
      (text: string) => text.replace(/Date: .*\n/, 'Date: yesterday\n'),
    ],
    ['two paragraphs', (text: string) => `${text}\nSuite: other\n`],
    ['a line that is not a field', (text: string) => `${text}nonsense\n`],
  ])('refuses a Release with %s', (_name, edit) => {
    expect(codeOf(() => parseReleaseFile(edit(release())))).toBe('INVALID_REPOSITORY');
  });

  it.each([
    ['a path climbing out of the suite', ` ${A} 1 ../../../etc/passwd\n`],
    ['an absolute path', ` ${A} 1 /etc/passwd\n`],
    ['a short hash', ` abc 1 main/binary-amd64/Packages\n`],
    ['a size that is not a number', ` ${A} -1 main/binary-amd64/Packages\n`],
    ['a line missing its path', ` ${A} 1\n`],
    [
      'one path listed twice with different hashes',
      ` ${A} 1 main/binary-amd64/Packages\n ${B} 1 main/binary-amd64/Packages\n`,
    ],
  ])('refuses a SHA256 list with %s', (_name, hashes) => {
    expect(codeOf(() => parseReleaseFile(release('', hashes)))).toBe('INVALID_REPOSITORY');
  });

  it('refuses a component that climbs out of dists/', () => {
    const text = release().replace('Components: main contrib', 'Components: ../../pool');
    expect(codeOf(() => parseReleaseFile(text))).toBe('INVALID_REPOSITORY');
  });
});

describe('Release dates', () => {
  it.each([
    ['Sun, 01 Feb 2026 10:00:00 UTC', '2026-02-01T10:00:00.000Z'],
    ['Sun, 01 Feb 2026 10:00:00 GMT', '2026-02-01T10:00:00.000Z'],
    ['Sun, 01 Feb 2026 10:00:00 Z', '2026-02-01T10:00:00.000Z'],
    ['Sun, 01 Feb 2026 10:00:00 +0000', '2026-02-01T10:00:00.000Z'],
    ['Sun, 01 Feb 2026 12:30:00 +0230', '2026-02-01T10:00:00.000Z'],
    ['1 Feb 2026 10:00:00 UTC', '2026-02-01T10:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseReleaseDate(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-02-01T10:00:00Z',
    'Sun, 31 Feb 2026 10:00:00 UTC',
    'Sun, 01 Foo 2026 10:00:00 UTC',
  ])('refuses %s', (text) => {
    expect(parseReleaseDate(text)).toBeNull();
  });

  it('writes dates in UTC as Release files carry them', () => {
    expect(formatReleaseDate(new Date('2026-02-01T10:00:00.789Z'))).toBe(
      'Sun, 01 Feb 2026 10:00:00 UTC',
    );
  });
});
