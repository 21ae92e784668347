import { describe, expect, it } from 'vitest';
import { CountersignError } from '../../../../shared/errors';
import { decodeEntryName, normaliseEntryPath, resolveLinkTarget } from './entryPath';

function codeOf(action: () => unknown): string | null {
  try {
    action();
    return null;
  } catch (error) {
    return error instanceof CountersignError ? error.code : 'not a CountersignError';
  }
}

describe('normaliseEntryPath', () => {
  it.each([
    ['../a', 'ARCHIVE_PATH_TRAVERSAL'],
    ['a/../../b', 'ARCHIVE_PATH_TRAVERSAL'],
    ['a/../b', 'ARCHIVE_PATH_TRAVERSAL'],
    ['a\\..\\b', 'ARCHIVE_PATH_TRAVERSAL'],
    ['..', 'ARCHIVE_PATH_TRAVERSAL'],
    ['/etc/passwd', 'ARCHIVE_ABSOLUTE_PATH'],
    ['//server/share', 'ARCHIVE_ABSOLUTE_PATH'],
    ['\\\\server\\share', 'ARCHIVE_ABSOLUTE_PATH'],
    ['C:\\x', 'ARCHIVE_ABSOLUTE_PATH'],
    ['c:x', 'ARCHIVE_ABSOLUTE_PATH'],
    ['a\0b', 'INVALID_ARCHIVE'],
  ])('refuses %j with %s', (raw, code) => {
    expect(codeOf(() => normaliseEntryPath(raw))).toBe(code);
  });

  it.each([
    ['./ok/file', 'ok/file'],
    ['ok/file', 'ok/file'],
    ['././ok//file', 'ok/file'],
    ['dir/', 'dir'],
    ['./', ''],
    ['a\\b', 'a/b'],
    ['..a/b..', '..a/b..'],
    ['a/./b', 'a/b'],
  ])('normalises %j to %j', (raw, expected) => {
    expect(normaliseEntryPath(raw)).toBe(expected);
  });

  it('quotes a hostile name in its message so escapes cannot reach a terminal', () => {
    try {
      normaliseEntryPath('\u001b[31m/../x\n');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain('"\\u001b[31m/../x\\n"');
    }
  });
});

describe('resolveLinkTarget', () => {
  it('resolves a symbolic link against its own folder', () => {
    expect(resolveLinkTarget('usr/lib/libx.so', '../share/x', 'symbolic')).toBe('usr/share/x');
  });

  it('resolves a hard link against the archive root', () => {
    expect(resolveLinkTarget('usr/lib/libx.so', 'usr/lib/libx.so.1', 'hard')).toBe(
      'usr/lib/libx.so.1',
    );
  });

  it.each([
    ['link', '../../etc/passwd', 'symbolic'],
    ['a/link', '../../x', 'symbolic'],
    ['link', '/etc/passwd', 'symbolic'],
    ['link', 'C:\\Windows', 'symbolic'],
    ['link', '../x', 'hard'],
    ['a/b/link', '../../../x', 'symbolic'],
  ] as const)('refuses %j pointing to %j (%s) as escaping', (path, target, kind) => {
    expect(codeOf(() => resolveLinkTarget(path, target, kind))).toBe('ARCHIVE_LINK_ESCAPES');
  });

  it('refuses a link with an empty target as damaged', () => {
    expect(codeOf(() => resolveLinkTarget('link', '', 'symbolic'))).toBe('INVALID_ARCHIVE');
  });
});

describe('decodeEntryName', () => {
  it('reads UTF-8 names as UTF-8', () => {
    expect(decodeEntryName(Buffer.from('café/naïve', 'utf8'))).toBe('café/naïve');
  });

  it('reads bytes that are not UTF-8 one character per byte', () => {
    expect(decodeEntryName(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toBe('café');
  });
});
