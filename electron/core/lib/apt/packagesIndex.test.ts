import { describe, expect, it } from 'vitest';
import { parsePackagesIndex, readPackagesIndex } from './packagesIndex';

const SHA = 'AB'.repeat(32);
const INDEX = `Package: hello
Version: 1:2.10-3
Architecture: amd64
Maintainer: Jöns <j@example.org>
Description: greets
 Says hello.
 .
 Twice.
Filename: pool/main/h/hello/hello_2.10-3_amd64.deb
Size: 1234
MD5sum: ${'0'.repeat(32)}
SHA256: ${SHA}

Package: hello-doc
Version: 2.10-3
Architecture: all
Filename: pool/main/h/hello/hello-doc_2.10-3_all.deb
Size: 99
SHA256: ${'c'.repeat(64)}
`;

// eslint-disable-next-line @typescript-eslint/require-await -- a stream, as readPackagesIndex gets one
async function* chunksOf(bytes: Buffer, size: number) {
  for (let offset = 0; offset < bytes.length; offset += size) {
    yield new Uint8Array(bytes.subarray(offset, offset + size));
  }
}

describe('parsePackagesIndex', () => {
  it('reads each package with its file, size and SHA-256', () => {
    const [hello, doc] = parsePackagesIndex(INDEX, 'main', 'Packages');
    expect(hello).toMatchObject({
      package: 'hello',
      version: '1:2.10-3',
      architecture: 'amd64',
      filename: 'pool/main/h/hello/hello_2.10-3_amd64.deb',
      size: 1234,
      sha256: SHA.toLowerCase(),
      component: 'main',
    });
    expect(hello?.control.get('Description')).toBe('greets\nSays hello.\n.\nTwice.');
    expect(doc?.architecture).toBe('all');
  });

  it('refuses a package without SHA256, even when it has an MD5sum', () => {
    const text = INDEX.replace(`SHA256: ${SHA}\n`, '');
    const parse = () => parsePackagesIndex(text, 'main', 'Packages');
    expect(parse).toThrow(expect.objectContaining({ code: 'INVALID_REPOSITORY' }));
    expect(parse).toThrow(/"hello" has no SHA256/);
  });

  it.each([
    [
      'no Filename',
      (text: string) => text.replace(/Filename: pool\/main\/h\/hello\/hello_.*\n/, ''),
    ],
    ['no Version', (text: string) => text.replace('Version: 1:2.10-3\n', '')],
    ['a Size that is not a number', (text: string) => text.replace('Size: 1234', 'Size: 12kB')],
    ['a SHA256 that is not a hash', (text: string) => text.replace(SHA, 'deadbeef')],
    [
      'a Filename climbing out of the repository',
      (text: string) => text.replace('pool/main/h/hello/hello_2', '../../../home/user/hello_2'),
    ],
    [
      'a Package name with spaces',
      (text: string) => text.replace('Package: hello\n', 'Package: hello world\n'),
    ],
  ])('refuses a package with %s', (_name, edit) => {
    expect(() => parsePackagesIndex(edit(INDEX), 'main', 'Packages')).toThrow(
      expect.objectContaining({ code: 'INVALID_REPOSITORY' }),
    );
  });
});

describe('readPackagesIndex', () => {
  it('reads a streamed index the same as the whole text, whatever the chunk boundaries', async () => {
    const whole = parsePackagesIndex(INDEX, 'main', 'Packages');
    const bytes = Buffer.from(INDEX, 'utf8');
    for (const size of [1, 3, 7, 64, bytes.length]) {
      const streamed = await readPackagesIndex(chunksOf(bytes, size), 'main', 'Packages');
      expect(
        streamed.map((pkg) => [pkg.package, pkg.sha256, pkg.control.get('Maintainer')]),
      ).toEqual(whole.map((pkg) => [pkg.package, pkg.sha256, pkg.control.get('Maintainer')]));
    }
  });

  it('reads an index with CRLF line ends and several blank lines between stanzas', async () => {
    const text = INDEX.replace('\n\nPackage: hello-doc', '\n\n \n\nPackage: hello-doc').replace(
      /\n/g,
      '\r\n',
    );
    const packages = await readPackagesIndex(chunksOf(Buffer.from(text), 5), 'main', 'Packages');
    expect(packages.map((pkg) => pkg.package)).toEqual(['hello', 'hello-doc']);
  });

  it('refuses a stanza larger than any real package entry', async () => {
    const huge = `Package: big\nDescription: x\n${' y\n'.repeat(400_000)}`;
    await expect(
      readPackagesIndex(chunksOf(Buffer.from(huge), 65536), 'main', 'Packages'),
    ).rejects.toMatchObject({
      code: 'INVALID_REPOSITORY',
    });
  });
});
