import { describe, expect, it } from 'vitest';
import { memberIdOf, parseMemberId } from './memberId';

describe('member ids', () => {
  it('joins container and name with " ▸ "', () => {
    expect(memberIdOf('data.tar', './usr/bin/x')).toBe('data.tar ▸ ./usr/bin/x');
  });

  it('gives back a hostile name exactly, even one holding the separator and a newline', () => {
    const path = './a ▸ b\n<script>alert(1)</script>/../../etc/passwd';
    expect(parseMemberId(memberIdOf('control.tar', path))).toEqual({
      container: 'control.tar',
      path,
    });
  });

  it.each(['', './usr/bin/x', 'data.tar ▸ ', 'debian-binary ▸ x', 'data.tar.xz ▸ ./x'])(
    'refuses %j with DIFFERENCE_NOT_FOUND',
    (id) => {
      expect(() => parseMemberId(id)).toThrow(
        expect.objectContaining({ code: 'DIFFERENCE_NOT_FOUND' }),
      );
    },
  );
});
