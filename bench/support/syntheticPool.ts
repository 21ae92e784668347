// A pool of N small, valid Debian packages for the promotion benchmark,
// written directly (ar and tar headers by hand, node:zlib): 5,000 calls of
// `dpkg-deb --build` would take longer than what is measured. Each package is
// as dpkg-deb lays it out: debian-binary, control.tar.gz (control, md5sums),
// data.tar.gz (a script and a copyright file, under ./usr). The pool is cached
// under the Countersign cache folder, keyed by N and the generator's version.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { countersignCache } from '../../electron/core/demo/index';

/** Bump when the bytes written change, so a cached pool of the old shape is not reused. */
export const GENERATOR_VERSION = 1;

/** 2025-01-01T00:00:00Z, as every member's mtime: the pool is the same bytes each time. */
const MTIME = 1735689600;

const WORDS = [
  'alder', 'birch', 'cedar', 'dogwood', 'elm', 'fir', 'ginkgo', 'hazel', 'ivy', 'juniper',
  'kapok', 'larch', 'maple', 'nutmeg', 'oak', 'pine', 'quince', 'rowan', 'spruce', 'teak',
  'ulmus', 'viburnum', 'willow', 'xylosma', 'yew', 'zelkova',
]; // prettier-ignore
const KINDS = ['utils', 'daemon', 'client', 'tools', 'data', 'common', 'doc', 'dev'];

/** What one synthetic package says about itself. */
export interface SyntheticPackage {
  name: string;
  version: string;
  architecture: 'amd64' | 'all';
  /** Its path below the pool's root: pool/main/<letter>/<name>/<name>_<version>_<arch>.deb. */
  filename: string;
}

/** The index-th package of every pool: unique names spread over the alphabet, some `all`. */
export function syntheticPackage(index: number): SyntheticPackage {
  const word = WORDS[index % WORDS.length] ?? 'x';
  const kind = KINDS[Math.floor(index / WORDS.length) % KINDS.length] ?? 'x';
  const name = `${word}-${kind}${Math.floor(index / (WORDS.length * KINDS.length))}`;
  const version = `${1 + (index % 3)}.${index % 17}.${index % 5}-${1 + (index % 2)}`;
  const architecture = index % 4 === 3 ? 'all' : 'amd64';
  const filename = `pool/main/${name[0] ?? 'x'}/${name}/${name}_${version}_${architecture}.deb`;
  return { name, version, architecture, filename };
}

/** One ustar header: regular file, or folder when the path ends with "/"; owned by root. */
function tarHeader(path: string, size: number, mode: number): Buffer {
  const block = Buffer.alloc(512);
  const octal = (offset: number, length: number, value: number) =>
    block.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, 'latin1');
  block.write(path, 0, 100, 'utf8');
  octal(100, 8, mode);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, size);
  octal(136, 12, MTIME);
  block.write(path.endsWith('/') ? '5' : '0', 156, 'latin1');
  block.write('ustar\x0000', 257, 'latin1');
  block.write('root', 265, 'latin1');
  block.write('root', 297, 'latin1');
  block.fill(0x20, 148, 156);
  const sum = block.reduce((total, byte) => total + byte, 0);
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

/** A tar of [path, bytes or null for a folder, mode] entries, ending with two zero blocks. */
function tar(entries: [string, Buffer | null, number][]): Buffer {
  const parts = entries.flatMap(([path, data, mode]) => {
    const bytes = data ?? Buffer.alloc(0);
    const padding = Buffer.alloc((512 - (bytes.length % 512)) % 512);
    return [tarHeader(path, bytes.length, mode), bytes, padding];
  });
  return Buffer.concat([...parts, Buffer.alloc(1024)]);
}

/** An ar archive as dpkg-deb writes it: names padded, mode 100644, data padded to even. */
function ar(members: [string, Buffer][]): Buffer {
  const parts: Buffer[] = [Buffer.from('!<arch>\n')];
  for (const [name, data] of members) {
    const fields = [name, 16, MTIME, 12, 0, 6, 0, 6, '100644', 8, data.length, 10] as const;
    let header = '';
    for (let index = 0; index < fields.length; index += 2) {
      header += String(fields[index]).padEnd(Number(fields[index + 1]));
    }
    parts.push(Buffer.from(`${header}\`\n`, 'latin1'), data);
    if (data.length % 2 === 1) parts.push(Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

/** A Depends line as real packages have: versioned, with an alternative and a sibling. */
function dependsLine(index: number): string {
  const depends = ['libc6 (>= 2.36)', 'libssl3 (>= 3.0.0)', 'zlib1g (>= 1:1.2.0)'];
  if (index % 3 === 0) depends.push('default-mta | mail-transport-agent');
  if (index > 0) {
    const sibling = syntheticPackage(index - 1);
    depends.push(`${sibling.name} (>= ${sibling.version.split('-')[0] ?? '0'})`);
  }
  return depends.join(', ');
}

/** The bytes of the index-th package: a valid .deb of about 1.5 KB. */
export function syntheticDeb(index: number): Buffer {
  const { name, version, architecture } = syntheticPackage(index);
  const script = Buffer.from(`#!/bin/sh\n# ${name} ${version}\nexec echo "${name}: ${index}"\n`);
  const copyright = Buffer.from(
    `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: ${name}\n\nFiles: *\nCopyright: 2025 Bench Authors\nLicense: MIT\n`,
  );
  const files: [string, Buffer][] = [
    [`./usr/bin/${name}`, script],
    [`./usr/share/doc/${name}/copyright`, copyright],
  ];
  const folders = ['./', './usr/', './usr/bin/', './usr/share/', './usr/share/doc/'];
  const data = tar([
    ...folders.map((path): [string, null, number] => [path, null, 0o755]),
    [`./usr/bin/${name}`, script, 0o755],
    [`./usr/share/doc/${name}/`, null, 0o755],
    [`./usr/share/doc/${name}/copyright`, copyright, 0o644],
  ]);
  const installedSize = files.reduce((sum, [, bytes]) => sum + Math.ceil(bytes.length / 1024), 0);
  const control = [
    `Package: ${name}`,
    `Version: ${version}`,
    `Architecture: ${architecture}`,
    'Maintainer: Bench Maintainers <bench@example.org>',
    `Installed-Size: ${installedSize + folders.length + 1}`,
    `Depends: ${dependsLine(index)}`,
    'Section: utils',
    'Priority: optional',
    `Homepage: https://example.org/${name}`,
    `Description: ${word(name)} ${kind(name)} for the promotion benchmark`,
    ` ${name} is one of many generated packages. It installs a small script`,
    ' and its copyright file, and nothing else.',
    ' .',
    ' This paragraph is here so that the description has two of them.',
    '',
  ].join('\n');
  const md5sums = files
    .map(([path, bytes]) => `${createHash('md5').update(bytes).digest('hex')}  ${path.slice(2)}\n`)
    .join('');
  const controlTar = tar([
    ['./', null, 0o755],
    ['./control', Buffer.from(control), 0o644],
    ['./md5sums', Buffer.from(md5sums), 0o644],
  ]);
  return ar([
    ['debian-binary', Buffer.from('2.0\n')],
    ['control.tar.gz', gzipSync(controlTar, { level: 9 })],
    ['data.tar.gz', gzipSync(data, { level: 9 })],
  ]);
}

const word = (name: string) => name.split('-')[0] ?? name;
const kind = (name: string) => (name.split('-')[1] ?? '').replace(/[0-9]+$/, '');

/** A pool on disk: its root (holding pool/) and every package file in it, in index order. */
export interface SyntheticPool {
  root: string;
  files: string[];
  packages: SyntheticPackage[];
}

/**
 * The pool of `count` packages, from the cache when it was written before
 * (written under a temporary name and renamed whole, so a cut run leaves no
 * half pool behind).
 */
export async function syntheticPool(count: number): Promise<SyntheticPool> {
  const root = join(countersignCache(), 'bench', `apt-pool-g${GENERATOR_VERSION}-n${count}`);
  const packages = Array.from({ length: count }, (_, index) => syntheticPackage(index));
  if (!existsSync(root)) {
    const partial = `${root}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    const batch = 64;
    for (let start = 0; start < count; start += batch) {
      await Promise.all(
        packages.slice(start, start + batch).map(async (pkg, offset) => {
          const file = join(partial, pkg.filename);
          await mkdir(dirname(file), { recursive: true });
          await writeFile(file, syntheticDeb(start + offset));
        }),
      );
    }
    // Another run may have finished the same pool meanwhile: either copy will do.
    await rename(partial, root).catch(async (error: unknown) => {
      if (!existsSync(root)) throw error;
      await rm(partial, { recursive: true, force: true });
    });
  }
  return { root, files: packages.map((pkg) => join(root, pkg.filename)), packages };
}

/**
 * Checks a sample of the pool with dpkg itself: `dpkg-deb --info` and
 * `--contents` must succeed without a warning and show what was written.
 * Throws at the first package dpkg-deb does not read as expected.
 */
export function checkWithDpkgDeb(pool: SyntheticPool, samples = 8): void {
  const count = pool.packages.length;
  for (let step = 0; step < Math.min(samples, count); step += 1) {
    const index = Math.floor((step * (count - 1)) / Math.max(1, samples - 1));
    const pkg = pool.packages[index];
    const file = pool.files[index];
    if (!pkg || !file) continue;
    const expected: [string[], string[]][] = [
      [
        ['--info', file],
        [`Package: ${pkg.name}`, `Version: ${pkg.version}`, `Architecture: ${pkg.architecture}`],
      ],
      [
        ['--contents', file],
        [`./usr/bin/${pkg.name}`, `./usr/share/doc/${pkg.name}/copyright`],
      ],
    ];
    for (const [args, lines] of expected) {
      const run = spawnSync('dpkg-deb', args, { encoding: 'utf8' });
      const missing = lines.filter((line) => !run.stdout.includes(line));
      if (run.status !== 0 || run.stderr.trim() !== '' || missing.length > 0) {
        throw new Error(
          `dpkg-deb ${args.join(' ')} does not read the synthetic package as written (exit ${run.status}; missing ${JSON.stringify(missing)}): ${run.stderr}`,
        );
      }
    }
  }
}
