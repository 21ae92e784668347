import { describe, expect, it } from 'vitest';
import { parseDeb822 } from '../lib/deb/deb822';
import {
  byHashPath,
  checkLayout,
  checkName,
  checkPackage,
  distsLinkTarget,
  isTempName,
  newPublicationId,
  poolPathOf,
  publicationOfLink,
  tempNameFor,
} from './prodPaths';
import type { PackageToPublish } from './publishTypes';

function pkg(controlText: string, component = 'main'): PackageToPublish {
  const [control] = parseDeb822(controlText);
  if (!control) throw new Error('no control');
  return {
    file: '/tmp/x.deb',
    control,
    package: control.get('Package') ?? '',
    version: control.get('Version') ?? '',
    architecture: control.get('Architecture') ?? '',
    component,
    size: 10,
    md5: '0'.repeat(32),
    sha256: 'a'.repeat(64),
  };
}

const LAYOUT = { suite: 'stable', codename: 'bookworm', origin: 'Countersign', label: 'prod' };

describe('poolPathOf', () => {
  it.each([
    [
      'Package: hello\nVersion: 1.0-1\nArchitecture: amd64\n',
      'pool/main/h/hello/hello_1.0-1_amd64.deb',
    ],
    [
      'Package: libfoo1\nVersion: 2.0\nArchitecture: amd64\nSource: libfoo\n',
      'pool/main/libf/libfoo/libfoo1_2.0_amd64.deb',
    ],
    [
      'Package: hello-doc\nVersion: 1:1.0-1\nArchitecture: all\nSource: hello (1.0-1)\n',
      'pool/main/h/hello/hello-doc_1.0-1_all.deb',
    ],
    ['Package: lib\nVersion: 1\nArchitecture: all\n', 'pool/main/l/lib/lib_1_all.deb'],
  ])(
    'places %j at %s (Debian layout: source folder, libX prefix, no epoch in the name)',
    (text, path) => {
      expect(poolPathOf(pkg(text))).toBe(path);
    },
  );
});

describe('names and packages', () => {
  it.each(['stable/../x', '..', 'a..b', 'main/contrib', '', '-x', 'a b', 'x\n'])(
    'refuses %j as a suite or component name',
    (name) => {
      expect(() => checkName('component', name)).toThrow(
        expect.objectContaining({ code: 'INVALID_PUBLICATION' }),
      );
    },
  );

  it.each(['main', 'non-free-firmware', 'bookworm-updates', 'stable', 'v1.2+x~y'])(
    'accepts %j',
    (name) => {
      expect(checkName('suite', name)).toBe(name);
    },
  );

  it('refuses a layout whose Origin spans lines or whose Valid-Until is not ahead', () => {
    expect(() => checkLayout({ ...LAYOUT, origin: 'a\nSuite: x' })).toThrow(/one non-empty line/);
    expect(() => checkLayout({ ...LAYOUT, validForSeconds: 0 })).toThrow(/Valid-Until/);
    expect(() => checkLayout({ ...LAYOUT, codename: 'x/y' })).toThrow(/codename/);
  });

  it.each([
    ['Version: 1.0\nArchitecture: all\n', /no Package field/],
    ['Package: hello\nArchitecture: all\n', /no Version field/],
    ['Package: hello\nVersion: 1.0\n', /no Architecture field/],
    ['Package: Hello\nVersion: 1.0\nArchitecture: all\n', /not a Debian package name/],
    ['Package: hello\nVersion: 1.0 beta\nArchitecture: all\n', /not a Debian version/],
    ['Package: hello\nVersion: 1.0\nArchitecture: AMD64\n', /not an architecture/],
    ['Package: hello\nVersion: 1.0\nArchitecture: all\nSource: ../x\n', /Source field/],
  ])('refuses a package whose control is %j', (text, message) => {
    const given = pkg(`${text}`);
    expect(() => checkPackage(given)).toThrow(message);
  });

  it('refuses a package whose given identity differs from its control file', () => {
    const given = { ...pkg('Package: hello\nVersion: 1.0\nArchitecture: all\n'), version: '2.0' };
    expect(() => checkPackage(given)).toThrow(/says Version: "1.0" but was given as "2.0"/);
  });

  it('refuses hashes that are not lower-case hex', () => {
    const given = {
      ...pkg('Package: hello\nVersion: 1.0\nArchitecture: all\n'),
      sha256: 'A'.repeat(64),
    };
    expect(() => checkPackage(given)).toThrow(/SHA-256/);
  });
});

describe('publication links and temp names', () => {
  it('reads back only its own relative link targets', () => {
    const id = newPublicationId(new Date('2026-02-01T10:00:00.123Z'));
    expect(id).toMatch(/^20260201T100000Z-[0-9a-f]{8}$/);
    expect(publicationOfLink(distsLinkTarget(id))).toBe(id);
    for (const target of [
      `/srv/.countersign/publications/${id}/dists`,
      `../.countersign/publications/${id}/dists`,
      `.countersign/publications/../../etc/dists`,
      `.countersign/publications/${id}/../x/dists`,
      'dists-old',
    ]) {
      expect(publicationOfLink(target)).toBeNull();
    }
  });

  it('recognises its temp names and writeFileAtomic’s, nothing else', () => {
    expect(isTempName(tempNameFor('hello_1.0_all.deb'))).toBe(true);
    expect(isTempName('.Packages.0123456789ab.tmp')).toBe(true);
    expect(isTempName('hello_1.0_all.deb')).toBe(false);
    expect(isTempName('.hello.tmp')).toBe(false);
  });

  it('puts a by-hash copy beside the index it copies', () => {
    expect(byHashPath('main/binary-amd64/Packages.xz', 'ab')).toBe(
      'main/binary-amd64/by-hash/SHA256/ab',
    );
    expect(byHashPath('Contents-amd64.gz', 'cd')).toBe('by-hash/SHA256/cd');
  });
});
