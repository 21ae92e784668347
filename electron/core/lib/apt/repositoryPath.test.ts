import { describe, expect, it } from 'vitest';
import { safeRelativePath } from './repositoryPath';

describe('safeRelativePath', () => {
  it('splits a pool path into its segments', () => {
    expect(safeRelativePath('pool/main/h/hello/hello_1.0+b1~rc_amd64.deb', 'test')).toEqual([
      'pool',
      'main',
      'h',
      'hello',
      'hello_1.0+b1~rc_amd64.deb',
    ]);
  });

  it.each([
    '../etc/passwd',
    'pool/../../etc/passwd',
    '/etc/passwd',
    'pool//x.deb',
    'pool/./x.deb',
    'pool/x.deb/',
    'pool\\..\\x.deb',
    'pool/x\u0000.deb',
    'pool/x\n.deb',
    '',
  ])('refuses %j as INVALID_REPOSITORY', (path) => {
    expect(() => safeRelativePath(path, 'The index')).toThrow(
      expect.objectContaining({ code: 'INVALID_REPOSITORY' }),
    );
  });

  it('quotes the hostile path in its message', () => {
    expect(() => safeRelativePath('../\u001b[31mred', 'The index')).toThrow(
      /"\.\.\/\\u001b\[31mred"/,
    );
  });
});
