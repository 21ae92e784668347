import { describe, expect, it } from 'vitest';
import { parseDeb822 } from '../lib/deb/deb822';
import { collectChunks } from './testing/collectChunks';
import { decompressIndex } from '../lib/apt/decompressIndex';
import { parsePackagesIndex } from '../lib/apt/packagesIndex';
import {
  byHashCopies,
  compressIndexes,
  packagesIndexTexts,
  releaseArchitectures,
  type SuitePackage,
} from './suiteIndexes';

function suitePackage(
  component: string,
  name: string,
  version: string,
  architecture: string,
): SuitePackage {
  const [control] = parseDeb822(
    `Package: ${name}\nVersion: ${version}\nArchitecture: ${architecture}\n`,
  );
  if (!control) throw new Error('no control');
  return {
    component,
    package: name,
    version,
    architecture,
    entry: {
      control,
      filename: `pool/${component}/${name}_${version}_${architecture}.deb`,
      size: 1,
      sha256: 'a'.repeat(64),
    },
  };
}

const names = (text: string | undefined) =>
  parsePackagesIndex(text ?? '', 'main', 'Packages').map(
    (pkg) => `${pkg.package} ${pkg.version} ${pkg.architecture}`,
  );

describe('releaseArchitectures', () => {
  it('lists the concrete architectures, and all only when there is none', () => {
    expect(releaseArchitectures(['amd64', 'arm64'])).toEqual(['amd64', 'arm64']);
    expect(releaseArchitectures([])).toEqual(['all']);
  });
});

describe('packagesIndexTexts', () => {
  const packages = [
    suitePackage('main', 'hello', '1.10-1', 'amd64'),
    suitePackage('main', 'hello', '1.9-1', 'arm64'),
    suitePackage('main', 'hello-doc', '1.0', 'all'),
    suitePackage('contrib', 'tools', '2.0', 'all'),
  ];
  const texts = packagesIndexTexts(['main', 'contrib'], ['amd64', 'arm64'], packages);

  it('writes binary-all and every concrete architecture for every component', () => {
    expect([...texts.keys()]).toEqual([
      'main/binary-all',
      'main/binary-amd64',
      'main/binary-arm64',
      'contrib/binary-all',
      'contrib/binary-amd64',
      'contrib/binary-arm64',
    ]);
  });

  it('puts all packages in binary-all and in every concrete index of their component', () => {
    expect(names(texts.get('main/binary-all'))).toEqual(['hello-doc 1.0 all']);
    expect(names(texts.get('main/binary-amd64'))).toEqual([
      'hello 1.10-1 amd64',
      'hello-doc 1.0 all',
    ]);
    expect(names(texts.get('main/binary-arm64'))).toEqual([
      'hello 1.9-1 arm64',
      'hello-doc 1.0 all',
    ]);
    expect(names(texts.get('contrib/binary-arm64'))).toEqual(['tools 2.0 all']);
  });

  it('sorts by name, then version as dpkg orders it', () => {
    const sorted = packagesIndexTexts(
      ['main'],
      ['amd64'],
      [
        suitePackage('main', 'b', '1.10', 'amd64'),
        suitePackage('main', 'b', '1.9', 'amd64'),
        suitePackage('main', 'a', '1', 'amd64'),
      ],
    );
    expect(names(sorted.get('main/binary-amd64'))).toEqual([
      'a 1 amd64',
      'b 1.9 amd64',
      'b 1.10 amd64',
    ]);
  });
});

describe('compressIndexes', () => {
  it('writes Packages, .gz and .xz with the same content, and hashes each', async () => {
    const files = await compressIndexes(new Map([['main/binary-all', 'Package: a\nVersion: 1\n']]));
    expect(files.map((file) => file.path)).toEqual([
      'main/binary-all/Packages',
      'main/binary-all/Packages.gz',
      'main/binary-all/Packages.xz',
    ]);
    for (const file of files) {
      const compression = file.path.endsWith('.xz')
        ? 'xz'
        : file.path.endsWith('.gz')
          ? 'gz'
          : 'plain';
      const text = await collectChunks(
        decompressIndex(file.bytes, compression, 1 << 20, file.path),
      );
      expect(text).toBe('Package: a\nVersion: 1\n');
      expect(file.size).toBe(file.bytes.length);
      expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    // The same text always gives the same bytes, so a plan's hashes are the publication's.
    const again = await compressIndexes(new Map([['main/binary-all', 'Package: a\nVersion: 1\n']]));
    expect(again.map((file) => file.sha256)).toEqual(files.map((file) => file.sha256));
  });
});

describe('byHashCopies', () => {
  it('copies the new indexes and the served ones, each once, beside their index', () => {
    const copies = byHashCopies(
      [
        { path: 'main/binary-amd64/Packages', sha256: 'n1' },
        { path: 'main/binary-amd64/Packages.xz', sha256: 'n2' },
      ],
      [
        { path: 'main/binary-amd64/Packages', sha256: 'o1' },
        { path: 'main/binary-amd64/Packages.xz', sha256: 'n2' },
      ],
    );
    expect(copies).toEqual([
      {
        path: 'main/binary-amd64/by-hash/SHA256/n1',
        sha256: 'n1',
        of: 'main/binary-amd64/Packages',
        from: 'new',
      },
      {
        path: 'main/binary-amd64/by-hash/SHA256/n2',
        sha256: 'n2',
        of: 'main/binary-amd64/Packages.xz',
        from: 'new',
      },
      {
        path: 'main/binary-amd64/by-hash/SHA256/o1',
        sha256: 'o1',
        of: 'main/binary-amd64/Packages',
        from: 'served',
      },
    ]);
  });
});
