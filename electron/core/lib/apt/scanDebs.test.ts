import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tarArchive, type TarFixtureEntry } from '../archive/testing/tarTestFixtures';
import { scanDebs } from './scanDebs';

/** A .deb as dpkg-deb lays it out: "!<arch>\n", then 60-byte member headers, data padded to even. */
function debBytes(controlMember: [string, Buffer]): Buffer {
  const members: [string, Buffer][] = [
    ['debian-binary', Buffer.from('2.0\n')],
    controlMember,
    ['data.tar.gz', gzipSync(tarArchive([{ name: './', type: '5' }]))],
  ];
  return Buffer.concat([
    Buffer.from('!<arch>\n'),
    ...members.flatMap(([name, data]) => [
      Buffer.from(`${name.padEnd(40)}100644  ${String(data.length).padEnd(10)}\`\n`, 'latin1'),
      data,
      Buffer.from(data.length % 2 ? '\n' : ''),
    ]),
  ]);
}

function control(name: string, version: string, architecture: string): string {
  return `Package: ${name}\nVersion: ${version}\nArchitecture: ${architecture}\nDepends: libc6 (>= 2.36)\nDescription: ${name}\n for the scan\n`;
}

function deb(name: string, version: string, architecture: string, extra: TarFixtureEntry[] = []) {
  const tar = tarArchive([
    { name: './', type: '5' },
    { name: './control', data: control(name, version, architecture) },
    ...extra,
  ]);
  // Extra control files are random, so they stay as large compressed: stored uncompressed.
  return debBytes(extra.length > 0 ? ['control.tar', tar] : ['control.tar.gz', gzipSync(tar)]);
}

const digest = (algorithm: string, bytes: Buffer) =>
  createHash(algorithm).update(bytes).digest('hex');

let dir: string;
const written = new Map<string, Buffer>();
async function place(name: string, bytes: Buffer): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, bytes);
  written.set(file, bytes);
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cs-scan-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('scanDebs', () => {
  it('describes each package as an index lists it, in the order given', async () => {
    const files = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        place(`p${index}.deb`, deb(`pkg-${index}`, `1.${index}-1`, index % 3 ? 'amd64' : 'all')),
      ),
    );
    const seen: number[] = [];
    const scanned = await scanDebs(files, {
      threads: 2,
      onFile: (_, done, total) => seen.push(done / total),
    });
    expect(scanned.map((deb) => [deb.package, deb.version, deb.architecture])).toEqual(
      files.map((_, index) => [`pkg-${index}`, `1.${index}-1`, index % 3 ? 'amd64' : 'all']),
    );
    for (const entry of scanned) {
      const bytes = written.get(entry.file) ?? Buffer.alloc(0);
      expect(entry).toMatchObject({
        size: bytes.length,
        md5: digest('md5', bytes),
        sha256: digest('sha256', bytes),
      });
      expect(entry.control.get('Depends')).toBe('libc6 (>= 2.36)');
      expect(entry.control.get('Description')).toBe(`${entry.package}\nfor the scan`);
    }
    expect(seen).toHaveLength(12);
    expect(seen.at(-1)).toBe(1);
  });

  it('reads a control member that ends beyond the bytes kept from hashing', async () => {
    const big = { name: './md5sums', data: randomBytes(400 * 1024) };
    const file = await place('big-control.deb', deb('big-control', '2.0-1', 'amd64', [big]));
    const [entry] = await scanDebs([file]);
    expect(entry?.package).toBe('big-control');
    expect(entry?.sha256).toBe(digest('sha256', written.get(file) ?? Buffer.alloc(0)));
  });

  it('refuses a file that is not a package, naming it', async () => {
    const good = await place('good.deb', deb('good', '1.0-1', 'amd64'));
    const bad = await place('notes.deb', Buffer.from('not a package\n'));
    await expect(scanDebs([good, bad])).rejects.toMatchObject({
      code: 'INVALID_DEB',
      message: expect.stringContaining('"notes.deb"') as string,
    });
  });

  it('refuses a truncated package, naming it', async () => {
    const whole = deb('cut', '1.0-1', 'amd64');
    const file = await place('cut.deb', whole.subarray(0, 100));
    await expect(scanDebs([file])).rejects.toMatchObject({
      code: 'INVALID_DEB',
      message: expect.stringMatching(/"cut\.deb".*truncated/) as string,
    });
  });

  it('says which file it cannot read', async () => {
    await expect(scanDebs([join(dir, 'missing.deb')])).rejects.toMatchObject({
      code: 'SOURCE_UNREADABLE',
      message: expect.stringContaining('missing.deb') as string,
    });
  });

  it('stops when cancelled, before or during the scan', async () => {
    const files = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        place(`c${index}.deb`, deb(`c${index}`, '1-1', 'all')),
      ),
    );
    const before = new AbortController();
    before.abort();
    await expect(scanDebs(files, { signal: before.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    const during = new AbortController();
    await expect(
      scanDebs(files, { threads: 1, signal: during.signal, onFile: () => during.abort() }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('answers nothing for no files', async () => {
    expect(await scanDebs([])).toEqual([]);
  });
});
