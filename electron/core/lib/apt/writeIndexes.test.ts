import { describe, expect, it } from 'vitest';
import { parseDeb822 } from '../deb/deb822';
import { parsePackagesIndex } from './packagesIndex';
import { parseReleaseFile } from './releaseFile';
import { packagesIndexText, releaseText } from './writeIndexes';

const MD5 = '0123456789abcdef0123456789abcdef';
const SHA = '0123456789abcdef'.repeat(4);

function control(text: string) {
  const [paragraph] = parseDeb822(text);
  if (!paragraph) throw new Error('no paragraph');
  return paragraph;
}

const hello = control(
  'Package: hello\nVersion: 1.0-1\nArchitecture: amd64\nMaintainer: M <m@example.org>\nDescription: greets\n Says hello.\n .\n Twice.\n',
);

const releaseFields = {
  origin: 'Countersign CI',
  label: 'apt-test',
  suite: 'testing',
  codename: 'trixie',
  date: new Date('2026-02-01T10:00:00Z'),
  components: ['main'],
  architectures: ['amd64', 'all'],
  files: [
    { path: 'main/binary-amd64/Packages', size: 1234, md5: MD5, sha256: SHA },
    { path: 'main/binary-amd64/Packages.gz', size: 567, md5: MD5, sha256: SHA },
  ],
};

describe('packagesIndexText', () => {
  it('writes the control fields in their order, then Filename, Size, MD5sum and SHA256', () => {
    const text = packagesIndexText([
      {
        control: hello,
        filename: 'pool/main/h/hello/hello_1.0-1_amd64.deb',
        size: 42,
        md5: MD5,
        sha256: SHA,
      },
    ]);
    expect(text).toBe(
      [
        'Package: hello',
        'Version: 1.0-1',
        'Architecture: amd64',
        'Maintainer: M <m@example.org>',
        'Description: greets',
        ' Says hello.',
        ' .',
        ' Twice.',
        'Filename: pool/main/h/hello/hello_1.0-1_amd64.deb',
        'Size: 42',
        `MD5sum: ${MD5}`,
        `SHA256: ${SHA}`,
        '',
      ].join('\n'),
    );
  });

  it('round-trips through the Packages reader', () => {
    const entries = [
      {
        control: hello,
        filename: 'pool/main/h/hello/hello_1.0-1_amd64.deb',
        size: 42,
        md5: MD5,
        sha256: SHA,
      },
      {
        control: control('Package: hello-doc\nVersion: 1.0-1\nArchitecture: all\n'),
        filename: 'pool/main/h/hello/hello-doc_1.0-1_all.deb',
        size: 7,
        md5: MD5,
        sha256: SHA.replace('0', 'f'),
      },
    ];
    const parsed = parsePackagesIndex(packagesIndexText(entries), 'main', 'Packages');
    expect(
      parsed.map(({ package: name, version, architecture, filename, size, sha256 }) => ({
        name,
        version,
        architecture,
        filename,
        size,
        sha256,
      })),
    ).toEqual(
      entries.map((entry) => ({
        name: entry.control.get('Package'),
        version: entry.control.get('Version'),
        architecture: entry.control.get('Architecture'),
        filename: entry.filename,
        size: entry.size,
        sha256: entry.sha256,
      })),
    );
    expect(parsed[0]?.control.get('Description')).toBe(hello.get('Description'));
  });

  it('does not repeat index fields that a control paragraph already carries', () => {
    const stale = control('Package: x\nVersion: 1\nArchitecture: all\nSize: 1\nSHA256: nope\n');
    const text = packagesIndexText([
      { control: stale, filename: 'pool/x.deb', size: 5, md5: MD5, sha256: SHA },
    ]);
    expect(text.match(/^Size:/gm)).toHaveLength(1);
    expect(text).toContain('Size: 5\n');
  });

  it('refuses a file name that climbs out of the repository', () => {
    expect(() =>
      packagesIndexText([{ control: hello, filename: '../x.deb', size: 1, md5: MD5, sha256: SHA }]),
    ).toThrow(expect.objectContaining({ code: 'INVALID_REPOSITORY' }));
  });

  it('leaves MD5sum out when the entry has none (apt checks SHA256)', () => {
    const text = packagesIndexText([
      { control: hello, filename: 'pool/h/hello.deb', size: 42, sha256: SHA },
    ]);
    expect(text).not.toContain('MD5sum');
    expect(text).toContain(`Size: 42\nSHA256: ${SHA}\n`);
  });

  it('writes an empty index for no packages', () => {
    expect(packagesIndexText([])).toBe('');
  });
});

describe('releaseText', () => {
  it('writes the fields and hash lists as apt-ftparchive does', () => {
    const text = releaseText({
      ...releaseFields,
      validUntil: new Date('2026-02-08T10:00:00Z'),
      acquireByHash: true,
    });
    expect(text).toBe(
      [
        'Origin: Countersign CI',
        'Label: apt-test',
        'Suite: testing',
        'Codename: trixie',
        'Date: Sun, 01 Feb 2026 10:00:00 UTC',
        'Valid-Until: Sun, 08 Feb 2026 10:00:00 UTC',
        'Architectures: amd64 all',
        'Components: main',
        'Acquire-By-Hash: yes',
        'MD5Sum:',
        ` ${MD5}             1234 main/binary-amd64/Packages`,
        ` ${MD5}              567 main/binary-amd64/Packages.gz`,
        'SHA256:',
        ` ${SHA}             1234 main/binary-amd64/Packages`,
        ` ${SHA}              567 main/binary-amd64/Packages.gz`,
        '',
      ].join('\n'),
    );
  });

  it('leaves out Valid-Until and Acquire-By-Hash unless asked', () => {
    const text = releaseText(releaseFields);
    expect(text).not.toMatch(/Valid-Until|Acquire-By-Hash/);
  });

  it('round-trips through the Release reader', () => {
    const parsed = parseReleaseFile(
      releaseText({
        ...releaseFields,
        validUntil: new Date('2026-02-08T10:00:00Z'),
        acquireByHash: true,
      }),
    );
    expect(parsed).toMatchObject({
      suite: 'testing',
      codename: 'trixie',
      components: ['main'],
      architectures: ['amd64', 'all'],
      acquireByHash: true,
    });
    expect(parsed.date?.toISOString()).toBe('2026-02-01T10:00:00.000Z');
    expect(parsed.validUntil?.toISOString()).toBe('2026-02-08T10:00:00.000Z');
    expect([...parsed.sha256.values()]).toEqual(
      releaseFields.files.map(({ path, size, sha256 }) => ({ path, size, sha256 })),
    );
  });

  it.each([
    ['a field with a line break', { origin: 'CI\nSuite: stable' }],
    [
      'an upper-case hash',
      {
        files: [
          { path: 'main/binary-amd64/Packages', size: 1, md5: MD5, sha256: SHA.toUpperCase() },
        ],
      },
    ],
    [
      'a path outside the suite',
      { files: [{ path: '../Packages', size: 1, md5: MD5, sha256: SHA }] },
    ],
    ['a negative size', { files: [{ path: 'main/Packages', size: -1, md5: MD5, sha256: SHA }] }],
    ['a component with a space', { components: ['main contrib'] }],
  ])('refuses %s', (_name, change) => {
    expect(() => releaseText({ ...releaseFields, ...change })).toThrow(
      expect.objectContaining({ code: 'INVALID_REPOSITORY' }),
    );
  });
});
