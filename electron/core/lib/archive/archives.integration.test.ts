import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  writeFile,
  link,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountersignError } from '../../../../shared/errors';
import { readArchive, type ArchiveLimits, type ArchiveReadResult } from './readArchive';

/**
 * Real archives made by real tools (tar, zip, gzip, xz, zstd), and hostile
 * ones crafted with Python's tarfile and zipfile where the tools refuse.
 */

const run = promisify(execFile);
let work: string;
let tree: string;
/** sha256sum's view of the good tree: path → [size, sha256]. */
const originals = new Map<string, [number, string]>();

async function sh(command: string, cwd = work): Promise<string> {
  const { stdout } = await run('bash', ['-c', command], { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

async function python(script: string, cwd = work): Promise<void> {
  await run('python3', ['-c', script], { cwd });
}

interface Listing {
  files: Map<string, [number, string]>;
  result: ArchiveReadResult;
}

async function list(file: string, limits?: Partial<ArchiveLimits>): Promise<Listing> {
  const files = new Map<string, [number, string]>();
  const result = await readArchive(
    join(work, file),
    async (entry) => {
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of entry.stream as AsyncIterable<Buffer>) {
        hash.update(chunk);
        size += chunk.length;
      }
      expect(size).toBe(entry.size);
      files.set(entry.path, [size, hash.digest('hex')]);
    },
    limits ? { limits } : {},
  );
  return { files, result };
}

async function refusal(file: string, limits?: Partial<ArchiveLimits>): Promise<CountersignError> {
  try {
    await list(file, limits);
  } catch (error) {
    if (error instanceof CountersignError) return error;
    throw error;
  }
  throw new Error(`${file} was read without a refusal`);
}

/** Runs `action` while sampling the resident set size; returns its growth at the peak. */
async function peakRssGrowth(action: () => Promise<unknown>): Promise<number> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    await action();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().rss) - baseline;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'countersign-archives-'));
  tree = join(work, 'tree');
  const long = `${'long-folder-name-'.repeat(5)}/${'long-file-name-'.repeat(8)}.txt`;
  await mkdir(join(tree, 'sub', 'deep'), { recursive: true });
  await mkdir(join(tree, long, '..'), { recursive: true });
  await writeFile(join(tree, 'a.txt'), 'alpha\n');
  await writeFile(join(tree, 'empty'), '');
  await writeFile(join(tree, 'sub', 'deep', 'café.txt'), 'ünïcödé\n');
  await writeFile(join(tree, long), 'a name over 100 bytes\n');
  await sh('head -c 3000000 /dev/urandom > tree/sub/random.bin');
  await symlink('../a.txt', join(tree, 'sub', 'link-inside'));
  const sums = await sh("find . -type f -printf '%P\\0' | xargs -0 sha256sum", tree);
  for (const line of sums.trim().split('\n')) {
    const [hash = '', path = ''] = line.split(/ {2}/);
    originals.set(path, [(await readFile(join(tree, path))).length, hash]);
  }
  await sh(
    [
      '(cd tree && zip -qry ../good.zip . && tar cf ../good.tar . && tar --format=pax -cf ../good-pax.tar .)',
      'gzip -k -c good.tar > good.tar.gz',
      'xz -k -c good.tar > good.tar.xz',
      'zstd -q good.tar -o good.tar.zst',
      'cp good.tar.gz misnamed.zip',
    ].join(' && '),
  );
}, 300_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('reading good archives made by real tools', () => {
  it.each(['good.zip', 'good.tar', 'good-pax.tar', 'good.tar.gz', 'good.tar.xz'])(
    'reads every file of %s with the sizes and SHA-256 of sha256sum',
    async (file) => {
      const { files, result } = await list(file);
      expect(new Map([...files].sort())).toEqual(new Map([...originals].sort()));
      expect(result.skipped).toEqual([
        { path: 'sub/link-inside', reason: 'symbolic link to "../a.txt"' },
      ]);
    },
  );

  it('tells the format by its bytes, not its name', async () => {
    expect((await list('misnamed.zip')).files.size).toBe(originals.size);
  });

  it('reports progress up to the size of the file', async () => {
    const seen: [number, number][] = [];
    await readArchive(
      join(work, 'good.tar.xz'),
      (entry) => entry.stream.resume().once('end', () => undefined) && Promise.resolve(),
      {
        onProgress: (read, total) => seen.push([read, total]),
      },
    ).catch(() => undefined);
    const size = (await readFile(join(work, 'good.tar.xz'))).length;
    expect(seen.at(-1)).toEqual([size, size]);
    expect(seen.every(([read], index) => index === 0 || read >= (seen[index - 1]?.[0] ?? 0))).toBe(
      true,
    );
  });

  it('reads a zip64 archive (zip -fz)', async () => {
    await sh('cd tree && zip -q -fz ../zip64.zip a.txt sub/deep/café.txt');
    const { files } = await list('zip64.zip');
    expect(files.get('a.txt')).toEqual(originals.get('a.txt'));
  });

  it('reads a zip with more than 65535 entries, through its zip64 end record', async () => {
    await python(`
import zipfile
with zipfile.ZipFile('many.zip', 'w') as z:
    for i in range(70000):
        z.writestr(f'f/{i}', b'')
`);
    expect((await list('many.zip')).files.size).toBe(70_000);
  });

  it('reads hard links inside the archive as skipped', async () => {
    await mkdir(join(work, 'hard'));
    await writeFile(join(work, 'hard', 'one'), 'same\n');
    await link(join(work, 'hard', 'one'), join(work, 'hard', 'two'));
    await sh('tar cf hard.tar hard');
    const { files, result } = await list('hard.tar');
    expect([...files.keys()]).toEqual(['hard/one']);
    expect(result.skipped).toEqual([{ path: 'hard/two', reason: 'hard link to "hard/one"' }]);
  });
});

describe('refusing hostile archives', () => {
  it('refuses "../" paths written by tar -P and by zipfile', async () => {
    await mkdir(join(work, 'inner'));
    await writeFile(join(work, 'outside.txt'), 'escaped\n');
    await sh('tar -P -cf ../dotdot.tar ../outside.txt', join(work, 'inner'));
    await python(`
import zipfile
with zipfile.ZipFile('dotdot.zip', 'w') as z:
    z.writestr('ok.txt', b'fine')
    z.writestr(zipfile.ZipInfo('a/../../evil.txt'), b'escaped')
`);
    const tar = await refusal('dotdot.tar');
    expect(tar.code).toBe('ARCHIVE_PATH_TRAVERSAL');
    expect(tar.message).toContain('"../outside.txt"');
    expect((await refusal('dotdot.zip')).code).toBe('ARCHIVE_PATH_TRAVERSAL');
  });

  it('refuses zip names that climb out with backslashes', async () => {
    await python(`
import zipfile
with zipfile.ZipFile('backslash.zip', 'w') as z:
    z.writestr(zipfile.ZipInfo('a\\\\..\\\\..\\\\evil.txt'), b'escaped')
`);
    const error = await refusal('backslash.zip');
    expect(error.code).toBe('ARCHIVE_PATH_TRAVERSAL');
    expect(error.message).toContain('"a\\\\..\\\\..\\\\evil.txt"');
  });

  it('refuses absolute paths', async () => {
    await sh(`tar -P -cf absolute.tar ${join(work, 'outside.txt')}`);
    await python(`
import zipfile
with zipfile.ZipFile('absolute.zip', 'w') as z:
    z.writestr(zipfile.ZipInfo('/etc/cron.d/evil'), b'* * * * * root true')
`);
    expect((await refusal('absolute.tar')).code).toBe('ARCHIVE_ABSOLUTE_PATH');
    expect((await refusal('absolute.zip')).code).toBe('ARCHIVE_ABSOLUTE_PATH');
  });

  it.each(['../../etc/passwd', '/etc/passwd'])(
    'refuses a symlink that points outside the archive (%s), in tar and zip',
    async (target) => {
      const name = target.startsWith('/') ? 'abs' : 'rel';
      await mkdir(join(work, `links-${name}`));
      await symlink(target, join(work, `links-${name}`, 'passwd'));
      await sh(
        `tar cf links-${name}.tar links-${name} && zip -qry links-${name}.zip links-${name}`,
      );
      for (const file of [`links-${name}.tar`, `links-${name}.zip`]) {
        const error = await refusal(file);
        expect(error.code).toBe('ARCHIVE_LINK_ESCAPES');
        expect(error.message).toContain(JSON.stringify(target));
      }
    },
  );

  it('refuses a hard link that points outside the archive', async () => {
    await python(`
import tarfile, io
with tarfile.open('hardlink-out.tar', 'w') as t:
    info = tarfile.TarInfo('innocent'); info.type = tarfile.LNKTYPE; info.linkname = '../outside'
    t.addfile(info)
`);
    expect((await refusal('hardlink-out.tar')).code).toBe('ARCHIVE_LINK_ESCAPES');
  });

  it.each([
    ['CHRTYPE', 'a character device'],
    ['BLKTYPE', 'a block device'],
    ['FIFOTYPE', 'a FIFO'],
  ])('refuses a %s entry', async (type, words) => {
    await python(`
import tarfile
with tarfile.open('special-${type}.tar', 'w') as t:
    info = tarfile.TarInfo('dev/thing'); info.type = tarfile.${type}; info.devmajor = 1; info.devminor = 3
    t.addfile(info)
`);
    const error = await refusal(`special-${type}.tar`);
    expect(error.code).toBe('ARCHIVE_SPECIAL_FILE');
    expect(error.message).toContain(words);
  });

  it('refuses a real FIFO archived by tar', async () => {
    await mkdir(join(work, 'fifo'));
    await sh('mkfifo fifo/pipe && tar cf fifo.tar fifo');
    expect((await refusal('fifo.tar')).code).toBe('ARCHIVE_SPECIAL_FILE');
  });

  it('refuses duplicate entries (tar --append, zipfile)', async () => {
    await sh('tar cf dup.tar tree/a.txt && tar rf dup.tar tree/a.txt');
    await python(`
import zipfile, warnings
warnings.simplefilter('ignore')
with zipfile.ZipFile('dup.zip', 'w') as z:
    z.writestr('same.txt', b'one')
    z.writestr('same.txt', b'two')
`);
    expect((await refusal('dup.tar')).code).toBe('ARCHIVE_DUPLICATE_ENTRY');
    expect((await refusal('dup.zip')).code).toBe('ARCHIVE_DUPLICATE_ENTRY');
  });

  it('refuses a truncated .tar.gz and a truncated .tar.xz as damaged', async () => {
    await sh(
      'head -c 2000000 good.tar.gz > cut.tar.gz && head -c 2000000 good.tar.xz > cut.tar.xz',
    );
    await sh('head -c -20 good.tar.gz > short-trailer.tar.gz');
    for (const file of ['cut.tar.gz', 'cut.tar.xz', 'short-trailer.tar.gz']) {
      expect((await refusal(file)).code).toBe('INVALID_ARCHIVE');
    }
  });

  it('refuses a .zip with a flipped byte, stored or deflated', async () => {
    await sh(
      'cd tree && zip -q -0 ../stored.zip sub/random.bin && zip -q ../deflated.zip a.txt sub/random.bin',
    );
    for (const file of ['stored.zip', 'deflated.zip']) {
      const bytes = await readFile(join(work, file));
      const at = Math.floor(bytes.length / 2);
      bytes[at] = (bytes[at] ?? 0) ^ 0x01;
      await writeFile(join(work, `flipped-${file}`), bytes);
      expect((await refusal(`flipped-${file}`)).code).toBe('INVALID_ARCHIVE');
    }
  });

  it('refuses a tar with a damaged header checksum', async () => {
    const bytes = await readFile(join(work, 'good.tar'));
    bytes[10] = (bytes[10] ?? 0) ^ 0x20;
    await writeFile(join(work, 'bad-checksum.tar'), bytes);
    const error = await refusal('bad-checksum.tar');
    expect(error.code).toBe('INVALID_ARCHIVE');
    expect(error.message).toMatch(/checksum/);
  });

  it('refuses zstd with a hint, an encrypted zip and a bzip2 zip entry as unsupported', async () => {
    // zip stores what would not shrink, so bzip2 is only used on compressible input.
    await sh('seq 1 100000 > numbers.txt && zip -q -P secret encrypted.zip numbers.txt');
    await sh('zip -q -Z bzip2 bzip2.zip numbers.txt');
    const zstd = await refusal('good.tar.zst');
    expect(zstd.code).toBe('UNSUPPORTED_ARCHIVE');
    expect(zstd.hint).toMatch(/zstd/);
    expect((await refusal('encrypted.zip')).code).toBe('UNSUPPORTED_ARCHIVE');
    expect((await refusal('bzip2.zip')).code).toBe('UNSUPPORTED_ARCHIVE');
  });

  it('refuses a file that is no archive at all', async () => {
    await writeFile(
      join(work, 'notes.tar.gz'),
      'these are not the artifacts you are looking for\n'.repeat(20),
    );
    expect((await refusal('notes.tar.gz')).code).toBe('UNSUPPORTED_ARCHIVE');
  });
});

describe('bombs and big entries', () => {
  beforeAll(async () => {
    // 1 GiB of zeros each, built in parallel (about 5 s): a deflated zip and a tar.gz.
    await Promise.all([
      python(`
import zipfile
chunk = bytes(1 << 20)
with zipfile.ZipFile('bomb.zip', 'w', compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    with z.open('zeros.bin', 'w', force_zip64=True) as f:
        for _ in range(1024):
            f.write(chunk)
`),
      python(`
import tarfile, io
class Zeros(io.RawIOBase):
    def __init__(self, n): self.n = n
    def readable(self): return True
    def readinto(self, b):
        k = min(len(b), self.n); b[:k] = bytes(k); self.n -= k; return k
with tarfile.open('bomb.tar.gz', 'w:gz', compresslevel=1) as t:
    info = tarfile.TarInfo('zeros.bin'); info.size = 1 << 30
    t.addfile(info, io.BufferedReader(Zeros(1 << 30), 1 << 20))
`),
    ]);
  }, 300_000);

  it.each(['bomb.zip', 'bomb.tar.gz'])(
    'refuses %s (1 GiB of zeros) by its ratio within seconds and without holding it in memory',
    async (file) => {
      const started = Date.now();
      let error: CountersignError | undefined;
      const growth = await peakRssGrowth(async () => {
        error = await refusal(file);
      });
      expect(error?.code).toBe('ARCHIVE_RATIO');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(growth).toBeLessThan(150 * 1024 * 1024);
    },
  );

  it('refuses by total size when the ratio is allowed but the total is not', async () => {
    const error = await refusal('bomb.tar.gz', { maxRatio: 1e6, maxTotalBytes: 100 * 1024 * 1024 });
    expect(error.code).toBe('ARCHIVE_TOO_LARGE');
  });

  it('streams a 300 MB entry with constant memory and the right hash', async () => {
    await sh('mkdir -p big && truncate -s 300M big/zeros.bin && tar cf big.tar big');
    const expected = (await sh('sha256sum big/zeros.bin')).split(' ')[0];
    let listing: Listing | undefined;
    const growth = await peakRssGrowth(async () => {
      listing = await list('big.tar');
    });
    await rm(join(work, 'big.tar'));
    expect(listing?.files.get('big/zeros.bin')).toEqual([300 * 1024 * 1024, expected]);
    expect(growth).toBeLessThan(100 * 1024 * 1024);
  });
});

describe('cancelling and closing', () => {
  it('stops with CANCELLED when the signal fires part-way', async () => {
    const controller = new AbortController();
    let entries = 0;
    const reading = readArchive(
      join(work, 'good.tar.xz'),
      async (entry) => {
        entries += 1;
        controller.abort();
        for await (const chunk of entry.stream) void chunk;
      },
      { signal: controller.signal },
    );
    await expect(reading).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(entries).toBe(1);
  });

  it('closes the archive file on success, refusal and cancel', async () => {
    const openFiles = async (): Promise<number> => (await readdir('/proc/self/fd')).length;
    const before = await openFiles();
    await list('good.zip');
    await list('good.tar.gz');
    await refusal('flipped-stored.zip');
    await refusal('cut.tar.xz');
    await refusal('dotdot.tar');
    const controller = new AbortController();
    controller.abort();
    await readArchive(join(work, 'good.tar'), () => Promise.resolve(), {
      signal: controller.signal,
    }).catch(() => undefined);
    const quitter = new AbortController();
    await readArchive(
      join(work, 'good.zip'),
      async () => {
        quitter.abort();
        return Promise.resolve();
      },
      { signal: quitter.signal },
    ).catch(() => undefined);
    expect(await openFiles()).toBe(before);
  });

  it('copies nothing to disk while reading', async () => {
    const target = join(work, 'watch');
    await mkdir(target);
    await copyFile(join(work, 'good.tar.gz'), join(target, 'good.tar.gz'));
    await list(join('watch', 'good.tar.gz'));
    expect(await readdir(target)).toEqual(['good.tar.gz']);
  });
});
