import { describe, expect, it } from 'vitest';
import { paxRecord, tarArchive } from '../archive/testing/tarTestFixtures';
import { plainTarControl } from './plainTarControl';

const CONTROL = 'Package: hello\nVersion: 1.0\nArchitecture: all\n';

describe('plainTarControl', () => {
  it('finds ./control after the folder and other files, as dpkg-deb writes them', () => {
    const tar = tarArchive([
      { name: './', type: '5' },
      { name: './md5sums', data: 'x'.repeat(700) },
      { name: './control', data: CONTROL },
    ]);
    expect(plainTarControl(tar, 1024)?.toString('utf8')).toBe(CONTROL);
  });

  it('leaves anything unusual to the full reader: PAX headers, links, damage, truncation, size', () => {
    const pax = tarArchive([
      { name: 'PaxHeader', type: 'x', data: paxRecord('path', 'control') },
      { name: './other', data: CONTROL },
    ]);
    const link = tarArchive([{ name: './control', type: '2', linkName: '/etc/passwd' }]);
    const damaged = tarArchive([{ name: './control', data: CONTROL, checksum: 1 }]);
    const whole = tarArchive([{ name: './control', data: CONTROL }]);
    for (const tar of [pax, link, damaged, whole.subarray(0, 520)]) {
      expect(plainTarControl(tar, 1024)).toBeUndefined();
    }
    expect(plainTarControl(whole, 10)).toBeUndefined();
  });
});
