// A pool of N large, valid Debian packages (a payload of incompressible bytes
// each) for the benchmarks where hashing throughput, not per-file overhead,
// is what is measured. Built by dpkg-deb itself (a few hundred calls are
// quick, unlike syntheticPool's thousands), with data.tar gzipped at level 1:
// random bytes do not compress, so a package of a 4 MB payload is 4 MB on
// disk. Names, versions and paths are syntheticPool's (syntheticPackage), and
// each package holds the files its small packages hold (a script and a
// copyright file) plus the payload, so checkWithDpkgDeb reads both pools
// alike. The payload is AES-256-CTR keystream under a key derived from the
// package's index: random to any compressor, yet the same bytes every time.
// The pool is cached under the Countersign cache folder, keyed by N, the
// payload size and the generator's version.
import { execFile } from 'node:child_process';
import { createCipheriv, createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { countersignCache } from '../../electron/core/demo/index';
import { syntheticPackage, type SyntheticPool } from './syntheticPool';

/** Bump when the bytes written change, so a cached pool of the old shape is not reused. */
export const LARGE_GENERATOR_VERSION = 1;

/** 2025-01-01T00:00:00Z: every file's mtime, and dpkg-deb's SOURCE_DATE_EPOCH. */
const MTIME = 1735689600;

const execFileAsync = promisify(execFile);

/** `size` bytes no compressor can shrink, the same for the same index each time. */
function payload(index: number, size: number): Buffer {
  const key = createHash('sha256').update(`countersign bench large pool ${index}`).digest();
  return createCipheriv('aes-256-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(size));
}

/** Writes a file with the given mode and the fixed mtime. */
async function put(file: string, bytes: Buffer | string, mode: number): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o755 });
  await writeFile(file, bytes, { mode });
  await chmod(file, mode); // the umask may have taken bits writeFile's mode asked for
  await utimes(file, MTIME, MTIME);
}

/** Lays out the index-th package's tree in `stage` and has dpkg-deb build it into `file`. */
async function buildLargeDeb(
  index: number,
  payloadBytes: number,
  stage: string,
  file: string,
): Promise<void> {
  const { name, version, architecture } = syntheticPackage(index);
  const files: [string, Buffer, number][] = [
    [
      `usr/bin/${name}`,
      Buffer.from(`#!/bin/sh\n# ${name} ${version}\nexec echo "${name}: ${index}"\n`),
      0o755,
    ],
    [
      `usr/share/doc/${name}/copyright`,
      Buffer.from(
        `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: ${name}\n\nFiles: *\nCopyright: 2025 Bench Authors\nLicense: MIT\n`,
      ),
      0o644,
    ],
    [`usr/share/${name}/${name}.dat`, payload(index, payloadBytes), 0o644],
  ];
  const installedSize = files.reduce((sum, [, bytes]) => sum + Math.ceil(bytes.length / 1024), 0);
  const control = [
    `Package: ${name}`,
    `Version: ${version}`,
    `Architecture: ${architecture}`,
    'Maintainer: Bench Maintainers <bench@example.org>',
    `Installed-Size: ${installedSize + 6}`,
    'Depends: libc6 (>= 2.36)',
    'Section: utils',
    'Priority: optional',
    `Homepage: https://example.org/${name}`,
    `Description: large generated package ${name} for the benchmarks`,
    ` ${name} is one of a pool of generated packages. It installs a small script,`,
    ' its copyright file, and a data file of random bytes that makes it large.',
    '',
  ].join('\n');
  const md5sums = files
    .map(([path, bytes]) => `${createHash('md5').update(bytes).digest('hex')}  ${path}\n`)
    .join('');
  for (const [path, bytes, mode] of files) await put(join(stage, path), bytes, mode);
  await put(join(stage, 'DEBIAN', 'control'), control, 0o644);
  await put(join(stage, 'DEBIAN', 'md5sums'), md5sums, 0o644);
  // dpkg-deb refuses a DEBIAN folder the umask left group-writable.
  await chmod(join(stage, 'DEBIAN'), 0o755);
  await mkdir(dirname(file), { recursive: true });
  await execFileAsync('dpkg-deb', ['--root-owner-group', '-Zgzip', '-z1', '--build', stage, file], {
    env: { ...process.env, SOURCE_DATE_EPOCH: String(MTIME), LC_ALL: 'C' },
  });
}

/**
 * The pool of `count` packages of a `payloadBytes` payload each (a little
 * more on disk), from the cache when it was written before (written under a
 * temporary name and renamed whole, so a cut run leaves no half pool behind).
 */
export async function largePool(count: number, payloadBytes: number): Promise<SyntheticPool> {
  const root = join(
    countersignCache(),
    'bench',
    `apt-pool-large-g${LARGE_GENERATOR_VERSION}-n${count}-b${payloadBytes}`,
  );
  const packages = Array.from({ length: count }, (_, index) => syntheticPackage(index));
  if (!existsSync(root)) {
    const partial = `${root}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    // One dpkg-deb per core; each stages its package in a folder of its own, then clears it.
    let next = 0;
    const builder = async (slot: number) => {
      const stage = join(partial, `.stage-${slot}`);
      for (let index = next++; index < count; index = next++) {
        const pkg = packages[index];
        if (!pkg) continue;
        await buildLargeDeb(index, payloadBytes, stage, join(partial, pkg.filename));
        await rm(stage, { recursive: true, force: true });
      }
    };
    await Promise.all(Array.from({ length: availableParallelism() }, (_, slot) => builder(slot)));
    // Another run may have finished the same pool meanwhile: either copy will do.
    await rename(partial, root).catch(async (error: unknown) => {
      if (!existsSync(root)) throw error;
      await rm(partial, { recursive: true, force: true });
    });
  }
  return { root, files: packages.map((pkg) => join(root, pkg.filename)), packages };
}
