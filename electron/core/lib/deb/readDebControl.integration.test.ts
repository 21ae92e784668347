import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArchive } from '../archive/readArchive';
import { debControlFromHead, readDebControl, type DebControl } from './readDebControl';

/** Real packages built by dpkg-deb with each control compression it offers. */

const run = promisify(execFile);
let work: string;

const CONTROL = `Package: countersign-hello
Version: 2:1.4.0-3~bpo12+1
Architecture: arm64
Maintainer: Dana Maintainer <dana@example.org>
Description: says hello
 A longer description
 .
 over several lines.
`;

async function build(compression: string): Promise<string> {
  const file = join(work, `hello-${compression}.deb`);
  await run('dpkg-deb', [
    `-Z${compression}`,
    '--root-owner-group',
    '--build',
    join(work, 'pkg'),
    file,
  ]);
  return file;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'countersign-deb-'));
  await mkdir(join(work, 'pkg', 'DEBIAN'), { recursive: true });
  await mkdir(join(work, 'pkg', 'usr', 'share', 'hello'), { recursive: true });
  await writeFile(join(work, 'pkg', 'DEBIAN', 'control'), CONTROL);
  // Incompressible data, so data.tar is large and only the control member is needed.
  await run('bash', [
    '-c',
    `head -c 2000000 /dev/urandom > ${join(work, 'pkg', 'usr', 'share', 'hello', 'blob')}`,
  ]);
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function expectIdentity(control: DebControl | null): void {
  expect(control?.identity).toEqual({
    package: 'countersign-hello',
    version: '2:1.4.0-3~bpo12+1',
    architecture: 'arm64',
  });
  expect(control?.control.get('Description')).toBe(
    'says hello\nA longer description\n.\nover several lines.',
  );
}

describe('reading the identity of real .deb files', () => {
  it.each(['xz', 'gzip', 'none'])(
    'reads package, version and architecture (dpkg-deb -Z%s)',
    async (compression) => {
      const file = await build(compression);
      const { stdout } = await run('ar', ['t', file]);
      expect(stdout).toMatch(
        compression === 'none' ? /^control\.tar$/m : /^control\.tar\.(xz|gz)$/m,
      );
      expectIdentity(await readDebControl(file));
    },
  );

  it('reads the identity from the first 64 KiB of a 2 MB package, as a stream passes by', async () => {
    const file = await build('xz');
    const bytes = await readFile(file);
    expect(bytes.length).toBeGreaterThan(2_000_000);
    expectIdentity(await debControlFromHead(bytes.subarray(0, 64 * 1024)));
    expect(await debControlFromHead(bytes.subarray(0, 150))).toBeNull();
  });

  it('refuses zstd control data with INVALID_DEB and a message that says zstd', async () => {
    const file = await build('zstd');
    await expect(readDebControl(file)).rejects.toMatchObject({
      code: 'INVALID_DEB',
      message: expect.stringMatching(/zstd/) as string,
    });
  });

  it('refuses a file that is not a .deb', async () => {
    const file = join(work, 'not-a-package.deb');
    await run('bash', ['-c', `cd ${work} && tar czf ${file} pkg/DEBIAN`]);
    await expect(readDebControl(file)).rejects.toMatchObject({ code: 'INVALID_DEB' });
  });

  it('reads a .deb with control.tar.xz from inside a .tar.xz while that archive is being read', async () => {
    await mkdir(join(work, 'release'));
    await run('cp', [await build('xz'), join(work, 'release', 'hello.deb')]);
    await run('tar', ['cJf', join(work, 'release.tar.xz'), '-C', work, 'release']);
    const found: (DebControl | null)[] = [];
    await readArchive(join(work, 'release.tar.xz'), async (entry) => {
      const head: Buffer[] = [];
      let kept = 0;
      for await (const chunk of entry.stream as AsyncIterable<Buffer>) {
        if (kept < 1024 * 1024) {
          head.push(chunk);
          kept += chunk.length;
        }
      }
      found.push(await debControlFromHead(Buffer.concat(head)));
    });
    expect(found).toHaveLength(1);
    expectIdentity(found[0] ?? null);
  });
});
