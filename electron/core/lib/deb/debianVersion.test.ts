import { describe, expect, it } from 'vitest';
import { compareDebianVersions, parseDebianVersion, versionWithoutEpoch } from './debianVersion';

// Each line was checked against `dpkg --compare-versions`: left, how it
// orders against right (< = >), right.
const TABLE = `
  1.0            = 1.0
  1.0            = 1.0-0
  1.0            < 1.0-1
  1.0-1          < 1.0-2
  1.0-2          < 1.0-10
  1.0            < 1.1
  1.9            < 1.10
  1.09           = 1.9
  1.001          = 1.1
  1.0~rc1        < 1.0
  1.0~rc1        < 1.0~rc2
  1.0~~          < 1.0~
  1.0~           < 1.0
  1.0~~a         > 1.0~~
  1.0~rc1-1      < 1.0-1
  1.0a           > 1.0
  1.0a           < 1.0b
  1.0a           < 1.0.
  1.0+           < 1.0.
  1.0+           > 1.0a
  1:0.1          > 2.0
  1:1.0          = 1:1.0
  0:1.0          = 1.0
  2:1.0          < 10:0.1
  10:1           > 9:1
  1.0-1ubuntu1   > 1.0-1
  1.0-1+b1       > 1.0-1
  1.0-1~bpo1     < 1.0-1
  1.0+dfsg-1     > 1.0-1
  1.0+dfsg-1     < 1.0.1-1
  2.30-1         > 2.3-1
  0.0            > 0
  a              > 1
  1.2.3          < 1.2.3.0
  1.2.3          < 1.2.3a
  1.2.3a         > 1.2.3~
  1:1.0-1        > 1:1.0
  7.4.052        > 7.4.1
  4.4.7-1        < 4.4.7-1+deb9u1
  1.0-a          > 1.0-A
  1.0-A          < 1.0-+
  000            = 0
  1.0~beta1~git1 < 1.0~beta1
  20260201       < 20260201.1
  1.0-1.1        > 1.0-1+1
  1.0-1.1        > 1.0-1~1
  1.0-~          < 1.0-0
  Z              < z
  1.0-0.1        > 1.0-0
`
  .trim()
  .split('\n')
  .map((line) => {
    const [a = '', op = '', b = ''] = line.trim().split(/\s+/);
    return [a, b, op === '<' ? -1 : op === '>' ? 1 : 0] as [string, string, -1 | 0 | 1];
  });

describe('compareDebianVersions', () => {
  it.each(TABLE)('orders %s against %s as dpkg does (%i)', (a, b, expected) => {
    expect(compareDebianVersions(a, b)).toBe(expected);
    // Antisymmetric: swapping the two flips the answer.
    expect(compareDebianVersions(b, a)).toBe(expected === 0 ? 0 : -expected);
  });

  it('sorts a release history the way apt would pick the newest', () => {
    const versions = [
      '1.0-1',
      '1:0.9-1',
      '1.0~rc1-1',
      '1.0-1+deb12u1',
      '1.0-1~bpo11+1',
      '0.9.10-3',
      '0.9.9-12',
      '1.0-1+b1',
    ];
    expect([...versions].sort(compareDebianVersions)).toEqual([
      '0.9.9-12',
      '0.9.10-3',
      '1.0~rc1-1',
      '1.0-1~bpo11+1',
      '1.0-1',
      '1.0-1+b1',
      '1.0-1+deb12u1',
      '1:0.9-1',
    ]);
  });

  it('compares digit runs as numbers of any length', () => {
    expect(compareDebianVersions('1.99999999999999999999', '1.100000000000000000000')).toBe(-1);
  });

  it('refuses to order something that is not a version', () => {
    expect(() => compareDebianVersions('1.0', '1.0 beta')).toThrow(/Not a Debian version/);
  });
});

describe('parseDebianVersion', () => {
  it('splits the epoch at the first colon and the revision at the last hyphen', () => {
    expect(parseDebianVersion('2:1.0-rc-3ubuntu1')).toEqual({
      epoch: 2,
      upstream: '1.0-rc',
      revision: '3ubuntu1',
    });
    expect(parseDebianVersion('1.0')).toEqual({ epoch: 0, upstream: '1.0', revision: '' });
    expect(parseDebianVersion('1:2:3')).toEqual({ epoch: 1, upstream: '2:3', revision: '' });
  });

  it.each([
    ['', 'empty'],
    ['a:1.0', 'a non-numeric epoch'],
    ['1:', 'nothing after the colon'],
    ['1.0-', 'an empty revision'],
    ['1.0 1', 'a space'],
    ['1.0_1', 'an underscore'],
    ['1.0-1:2', 'a colon in the revision'],
    ['1:2.0/3', 'a slash'],
  ])('refuses %j (%s)', (text) => {
    expect(parseDebianVersion(text)).toBeNull();
  });
});

describe('versionWithoutEpoch', () => {
  it('drops the epoch, as .deb file names do', () => {
    expect(versionWithoutEpoch('1:2.0-1')).toBe('2.0-1');
    expect(versionWithoutEpoch('2.0-1')).toBe('2.0-1');
  });
});
