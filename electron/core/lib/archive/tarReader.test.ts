import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CountersignError } from '../../../../shared/errors';
import type { ArchiveEntry } from './archiveEntry';
import { readTarStream, type TarReadOptions } from './tarReader';
import { paxRecord, tarArchive, type TarFixtureEntry } from './testing/tarTestFixtures';

interface Seen {
  path: string;
  size: number;
  text: string;
}

/** Reads a tar built from `entries` (or given bytes) in small chunks, collecting every file's content. */
async function read(
  input: TarFixtureEntry[] | Buffer,
  options: TarReadOptions = {},
  visit?: (entry: ArchiveEntry) => Promise<void>,
): Promise<{ files: Seen[]; skipped: { path: string; reason: string }[] }> {
  const bytes = Buffer.isBuffer(input) ? input : tarArchive(input);
  const chunks = Array.from({ length: Math.ceil(bytes.length / 700) }, (_, i) =>
    bytes.subarray(i * 700, (i + 1) * 700),
  );
  const files: Seen[] = [];
  const result = await readTarStream(
    Readable.from(chunks),
    visit ??
      (async (entry) => {
        const parts: Buffer[] = [];
        for await (const chunk of entry.stream as AsyncIterable<Buffer>) parts.push(chunk);
        files.push({ path: entry.path, size: entry.size, text: Buffer.concat(parts).toString() });
      }),
    options,
  );
  return { files, skipped: result.skipped };
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CountersignError) return { code: error.code, message: error.message };
    return { code: 'not a CountersignError', message: String(error) };
  }
  return { code: 'no refusal', message: '' };
}

describe('readTarStream', () => {
  it('visits regular files in order with normalised paths, and not folders', async () => {
    const { files } = await read([
      { name: './', type: '5' },
      { name: './dir/', type: '5' },
      { name: './dir/a.txt', data: 'alpha' },
      { name: 'b.txt', data: 'x'.repeat(1500) },
      { name: 'empty', data: '' },
    ]);
    expect(files).toEqual([
      { path: 'dir/a.txt', size: 5, text: 'alpha' },
      { path: 'b.txt', size: 1500, text: 'x'.repeat(1500) },
      { path: 'empty', size: 0, text: '' },
    ]);
  });

  it('reads GNU long names and long link names', async () => {
    const long = `${'d'.repeat(150)}/${'f'.repeat(120)}`;
    const { files, skipped } = await read([
      { name: '././@LongLink', type: 'L', data: `${long}\0` },
      { name: 'truncated-name', data: 'long' },
      { name: '././@LongLink', type: 'K', data: `${'t'.repeat(130)}\0` },
      { name: 'link', type: '2', linkName: 'short' },
    ]);
    expect(files[0]?.path).toBe(long);
    expect(skipped).toEqual([{ path: 'link', reason: `symbolic link to "${'t'.repeat(130)}"` }]);
  });

  it('applies pax path, linkpath and size to the next entry only, and global pax to all', async () => {
    const { files, skipped } = await read([
      { name: 'pax-global', type: 'g', data: paxRecord('comment', 'ignored') },
      {
        name: 'pax',
        type: 'x',
        data: paxRecord('path', 'pax/é-name.txt') + paxRecord('size', '3'),
      },
      { name: 'ignored-name', data: 'abc', size: 0 },
      { name: 'plain.txt', data: 'p' },
      { name: 'pax', type: 'x', data: paxRecord('linkpath', 'pax/é-name.txt') },
      { name: 'l', type: '2', linkName: 'wrong' },
    ]);
    expect(files.map((file) => [file.path, file.text])).toEqual([
      ['pax/é-name.txt', 'abc'],
      ['plain.txt', 'p'],
    ]);
    expect(skipped[0]?.reason).toBe('symbolic link to "pax/é-name.txt"');
  });

  it('records a symbolic link and a hard link that stay inside as skipped', async () => {
    const { files, skipped } = await read([
      { name: 'lib/libx.so.1', data: 'elf' },
      { name: 'lib/libx.so', type: '2', linkName: 'libx.so.1' },
      { name: 'lib/copy', type: '1', linkName: 'lib/libx.so.1' },
    ]);
    expect(files.map((file) => file.path)).toEqual(['lib/libx.so.1']);
    expect(skipped).toEqual([
      { path: 'lib/libx.so', reason: 'symbolic link to "libx.so.1"' },
      { path: 'lib/copy', reason: 'hard link to "lib/libx.so.1"' },
    ]);
  });

  it.each([
    [{ name: '../evil', data: 'x' }, 'ARCHIVE_PATH_TRAVERSAL'],
    [{ name: 'a/../../evil', data: 'x' }, 'ARCHIVE_PATH_TRAVERSAL'],
    [{ name: '/etc/passwd', data: 'x' }, 'ARCHIVE_ABSOLUTE_PATH'],
    [{ name: '../dir/', type: '5' }, 'ARCHIVE_PATH_TRAVERSAL'],
    [{ name: 'link', type: '2', linkName: '../../etc/passwd' }, 'ARCHIVE_LINK_ESCAPES'],
    [{ name: 'link', type: '2', linkName: '/etc/passwd' }, 'ARCHIVE_LINK_ESCAPES'],
    [{ name: 'link', type: '1', linkName: '../outside' }, 'ARCHIVE_LINK_ESCAPES'],
    [{ name: 'tty', type: '3' }, 'ARCHIVE_SPECIAL_FILE'],
    [{ name: 'disk', type: '4' }, 'ARCHIVE_SPECIAL_FILE'],
    [{ name: 'pipe', type: '6' }, 'ARCHIVE_SPECIAL_FILE'],
    [{ name: 'sparse', type: 'S', data: 'x' }, 'UNSUPPORTED_ARCHIVE'],
    [{ name: 'odd', type: 'Q', data: 'x' }, 'UNSUPPORTED_ARCHIVE'],
  ] as [TarFixtureEntry, string][])('refuses %j with %s', async (entry, code) => {
    expect((await refusal(read([{ name: 'ok', data: 'fine' }, entry]))).code).toBe(code);
  });

  it('refuses a pax path that escapes even when the plain name is harmless', async () => {
    const tar = [
      { name: 'pax', type: 'x', data: paxRecord('path', '../../evil') },
      { name: 'harmless', data: 'x' },
    ];
    expect((await refusal(read(tar))).code).toBe('ARCHIVE_PATH_TRAVERSAL');
  });

  it('refuses GNU sparse files described in pax headers', async () => {
    const tar = [
      { name: 'pax', type: 'x', data: paxRecord('GNU.sparse.major', '1') },
      { name: 'f', data: 'x' },
    ];
    expect((await refusal(read(tar))).code).toBe('UNSUPPORTED_ARCHIVE');
  });

  it('refuses the same path twice, after normalisation', async () => {
    const result = await refusal(
      read([
        { name: './a', data: '1' },
        { name: 'a', data: '2' },
      ]),
    );
    expect(result).toEqual({
      code: 'ARCHIVE_DUPLICATE_ENTRY',
      message: expect.stringContaining('"a"') as string,
    });
  });

  it('refuses a header with a bad checksum', async () => {
    const result = await refusal(read([{ name: 'a', data: 'x', checksum: 99 }]));
    expect(result.code).toBe('INVALID_ARCHIVE');
    expect(result.message).toMatch(/checksum/);
  });

  it('refuses a tar cut inside an entry, and one without its end marker', async () => {
    const whole = tarArchive([{ name: 'a', data: 'x'.repeat(2000) }]);
    expect((await refusal(read(whole.subarray(0, 1200)))).code).toBe('INVALID_ARCHIVE');
    expect((await refusal(read(whole.subarray(0, 300)))).code).toBe('INVALID_ARCHIVE');
    expect((await refusal(read(tarArchive([{ name: 'a', data: 'x' }], false)))).message).toMatch(
      /end-of-archive/,
    );
  });

  it('refuses more entries than the limit', async () => {
    const entries = Array.from({ length: 4 }, (_, i) => ({ name: `f${i}`, data: 'x' }));
    expect((await refusal(read(entries, { limits: { maxEntries: 3 } }))).code).toBe(
      'ARCHIVE_TOO_LARGE',
    );
  });

  it('refuses an entry declared larger than the total allowed before streaming it', async () => {
    const result = await refusal(
      read([{ name: 'huge', data: 'x'.repeat(5000) }], { limits: { maxTotalBytes: 4096 } }),
    );
    expect(result.code).toBe('ARCHIVE_TOO_LARGE');
    expect(result.message).toContain('"huge"');
  });

  it('drains an entry the visitor did not read, and goes on with the next', async () => {
    const seen: string[] = [];
    await read(
      [
        { name: 'skipped-by-visitor', data: 'y'.repeat(100_000) },
        { name: 'next', data: 'n' },
      ],
      {},
      async (entry) => {
        seen.push(entry.path);
        if (entry.path === 'next') {
          const hash = createHash('sha256');
          for await (const chunk of entry.stream as AsyncIterable<Buffer>) hash.update(chunk);
          expect(hash.digest('hex')).toBe(createHash('sha256').update('n').digest('hex'));
        }
      },
    );
    expect(seen).toEqual(['skipped-by-visitor', 'next']);
  });

  it('goes on after a visitor that read part of an entry and destroyed the stream', async () => {
    const firstChunks: [string, string][] = [];
    await read(
      [
        { name: 'a', data: 'a'.repeat(300_000) },
        { name: 'b', data: 'bee' },
      ],
      {},
      async (entry) => {
        // Leaving for-await early destroys the stream.
        for await (const chunk of entry.stream as AsyncIterable<Buffer>) {
          firstChunks.push([entry.path, chunk.toString().slice(0, 3)]);
          break;
        }
      },
    );
    expect(firstChunks).toEqual([
      ['a', 'aaa'],
      ['b', 'bee'],
    ]);
  });

  it("passes the visitor's own error through", async () => {
    const failing = async (): Promise<void> => Promise.reject(new Error('disk full'));
    await expect(read([{ name: 'a', data: 'x' }], {}, failing)).rejects.toThrowError('disk full');
  });

  it('gives the truncation, not the visitor error it caused, when an entry ends early', async () => {
    const whole = tarArchive([{ name: 'a', data: 'x'.repeat(200_000) }]);
    const visit = async (entry: ArchiveEntry): Promise<void> => {
      for await (const chunk of entry.stream) void chunk;
    };
    const result = await refusal(read(whole.subarray(0, 100_000), {}, visit));
    expect(result.code).toBe('INVALID_ARCHIVE');
    expect(result.message).toContain('"a"');
  });

  it('stops with CANCELLED when the signal fires during an entry', async () => {
    const controller = new AbortController();
    const visit = async (entry: ArchiveEntry): Promise<void> => {
      controller.abort();
      for await (const chunk of entry.stream) void chunk;
    };
    const result = await refusal(
      read([{ name: 'a', data: 'x'.repeat(500_000) }], { signal: controller.signal }, visit),
    );
    expect(result.code).toBe('CANCELLED');
  });
});
