import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountersignError } from '../../../../shared/errors';
import { readArchive, type ArchiveLimits } from './readArchive';
import { zipArchive, type ZipFixtureEntry } from './testing/zipTestFixtures';

let dir: string;
let count = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'countersign-zip-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readZip(
  bytes: Buffer,
  limits?: Partial<ArchiveLimits>,
): Promise<{ files: [string, string][]; skipped: { path: string; reason: string }[] }> {
  count += 1;
  const file = join(dir, `t${count}.zip`);
  await writeFile(file, bytes);
  const files: [string, string][] = [];
  const result = await readArchive(
    file,
    async (entry) => {
      const parts: Buffer[] = [];
      for await (const chunk of entry.stream as AsyncIterable<Buffer>) parts.push(chunk);
      files.push([entry.path, Buffer.concat(parts).toString()]);
    },
    limits ? { limits } : {},
  );
  return { files, skipped: result.skipped };
}

async function refusal(entries: ZipFixtureEntry[] | Buffer): Promise<string> {
  try {
    await readZip(Buffer.isBuffer(entries) ? entries : zipArchive(entries));
    return 'no refusal';
  } catch (error) {
    return error instanceof CountersignError ? error.code : String(error);
  }
}

describe('reading a zip', () => {
  it('reads stored and deflated entries through the central directory', async () => {
    const { files } = await readZip(
      zipArchive([
        { name: 'dir/', mode: 0o040755 },
        { name: 'dir/stored.txt', data: 'stored' },
        { name: 'deflated.txt', data: 'z'.repeat(50_000), method: 8 },
      ]),
    );
    expect(files).toEqual([
      ['dir/stored.txt', 'stored'],
      ['deflated.txt', 'z'.repeat(50_000)],
    ]);
  });

  it('reads an empty zip', async () => {
    expect((await readZip(zipArchive([]))).files).toEqual([]);
  });

  it('records a symbolic link that stays inside as skipped, its target being its content', async () => {
    const { files, skipped } = await readZip(
      zipArchive([
        { name: 'a.txt', data: 'a' },
        { name: 'link', data: 'a.txt', mode: 0o120777 },
      ]),
    );
    expect(files).toEqual([['a.txt', 'a']]);
    expect(skipped).toEqual([{ path: 'link', reason: 'symbolic link to "a.txt"' }]);
  });

  it('refuses a symbolic link whose content points outside', async () => {
    expect(await refusal([{ name: 'link', data: '../../etc/passwd', mode: 0o120777 }])).toBe(
      'ARCHIVE_LINK_ESCAPES',
    );
    expect(await refusal([{ name: 'link', data: '/etc/passwd', mode: 0o120777 }])).toBe(
      'ARCHIVE_LINK_ESCAPES',
    );
  });

  it('refuses names that climb out with backslashes, and drive letters', async () => {
    expect(await refusal([{ name: 'a\\..\\..\\evil', data: 'x' }])).toBe('ARCHIVE_PATH_TRAVERSAL');
    expect(await refusal([{ name: 'C:\\evil', data: 'x' }])).toBe('ARCHIVE_ABSOLUTE_PATH');
  });

  it('refuses a FIFO, a device or a socket', async () => {
    expect(await refusal([{ name: 'pipe', mode: 0o010644 }])).toBe('ARCHIVE_SPECIAL_FILE');
    expect(await refusal([{ name: 'tty', mode: 0o020644 }])).toBe('ARCHIVE_SPECIAL_FILE');
    expect(await refusal([{ name: 'sock', mode: 0o140644 }])).toBe('ARCHIVE_SPECIAL_FILE');
  });

  it('refuses the same name twice', async () => {
    expect(
      await refusal([
        { name: 'a', data: '1' },
        { name: './a', data: '2' },
      ]),
    ).toBe('ARCHIVE_DUPLICATE_ENTRY');
  });

  it('refuses an entry whose CRC-32 does not match its data', async () => {
    expect(await refusal([{ name: 'a', data: 'payload', crc: 0x12345678 }])).toBe(
      'INVALID_ARCHIVE',
    );
  });

  it('refuses an entry that holds more, or fewer, bytes than it declares', async () => {
    expect(
      await refusal([{ name: 'a', data: 'x'.repeat(5000), method: 8, uncompressedSize: 100 }]),
    ).toBe('INVALID_ARCHIVE');
    expect(
      await refusal([{ name: 'a', data: 'x'.repeat(5000), method: 8, uncompressedSize: 6000 }]),
    ).toBe('INVALID_ARCHIVE');
  });

  it('refuses a local header whose name differs from the central directory', async () => {
    expect(await refusal([{ name: 'innocent.txt', localName: '../evil.txt', data: 'x' }])).toBe(
      'INVALID_ARCHIVE',
    );
  });

  it('refuses entries that share their data, the trick of overlapping zip bombs', async () => {
    expect(
      await refusal([
        { name: 'a', data: 'x'.repeat(1000), method: 8 },
        { name: 'b', data: 'x'.repeat(1000), method: 8, sharesDataWith: 0 },
      ]),
    ).toBe('INVALID_ARCHIVE');
  });

  it('refuses an entry whose declared sizes exceed the ratio, before inflating it', async () => {
    const bomb = zipArchive([{ name: 'zeros', data: Buffer.alloc(4 * 1024 * 1024), method: 8 }]);
    expect(await refusal(bomb)).toBe('ARCHIVE_RATIO');
  });

  it('refuses encrypted entries and unknown methods as unsupported', async () => {
    expect(await refusal([{ name: 'secret', data: 'x', flags: 1 }])).toBe('UNSUPPORTED_ARCHIVE');
    expect(await refusal([{ name: 'bz', data: 'x', method: 12 }])).toBe('UNSUPPORTED_ARCHIVE');
  });

  it('refuses a zip that spans several disks as unsupported', async () => {
    expect(await refusal(zipArchive([{ name: 'a', data: 'x' }], { disk: 1 }))).toBe(
      'UNSUPPORTED_ARCHIVE',
    );
  });

  it('refuses a zip cut short', async () => {
    const whole = zipArchive([{ name: 'a', data: 'x'.repeat(100) }]);
    expect(await refusal(whole.subarray(0, whole.length - 30))).toBe('INVALID_ARCHIVE');
  });

  it('refuses more entries than the limit before reading any', async () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, data: 'x' }));
    await expect(readZip(zipArchive(entries), { maxEntries: 4 })).rejects.toMatchObject({
      code: 'ARCHIVE_TOO_LARGE',
    });
  });
});
