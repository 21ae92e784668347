import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffMemberPair } from './diffMemberPair';
import { extractMember } from './extractMember';
import { listDebMembers } from './listDebMembers';
import { memberDifferences } from './memberDifferences';

/** Real packages from dpkg-deb (xz and gzip), real diffoscope. */

const run = promisify(execFile);
let work: string;
let counter = 0;

const CONTROL = `Package: countersign-members
Version: 1.0-1
Architecture: all
Maintainer: Dana Maintainer <dana@example.org>
Description: members to compare
`;

type Tree = Record<string, string | Buffer>;

const BASE: Tree = {
  'usr/share/members/keep.txt': 'the same on both sides\n',
  'usr/share/members/x.txt': 'line one\nline two\nline three\n',
  'usr/share/members/y.txt': 'only in the first package\n',
};

/** md5sums as dh_md5sums writes it: "<md5>  <path>" per file, sorted. */
function md5sums(files: Tree): string {
  return Object.keys(files)
    .sort()
    .map(
      (path) =>
        `${createHash('md5')
          .update(files[path] ?? '')
          .digest('hex')}  ${path}\n`,
    )
    .join('');
}

/**
 * Builds a package of `files` with dpkg-deb. md5sums lists `md5sumsFrom`
 * (default: the files themselves), so a package can carry a stale one.
 */
async function buildDeb(
  compression: string,
  files: Tree,
  md5sumsFrom: Tree = files,
): Promise<string> {
  counter += 1;
  const root = join(work, `pkg-${counter}`);
  await mkdir(join(root, 'DEBIAN'), { recursive: true });
  await writeFile(join(root, 'DEBIAN', 'control'), CONTROL);
  await writeFile(join(root, 'DEBIAN', 'md5sums'), md5sums(md5sumsFrom));
  const folders = new Set(Object.keys(files).map((path) => dirname(join(root, path))));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  await Promise.all(
    Object.entries(files).map(([path, content]) => writeFile(join(root, path), content)),
  );
  const deb = join(work, `p${counter}.deb`);
  await run('dpkg-deb', [`-Z${compression}`, '--root-owner-group', '--build', root, deb], {
    env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' },
  });
  return deb;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cs-members-it-'));
}, 60_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe.each(['xz', 'gzip'])('members of real packages (dpkg-deb -Z%s)', (compression) => {
  it('lists exactly the changed file and md5sums when md5sums was updated', async () => {
    const ci = await buildDeb(compression, BASE);
    const local = await buildDeb(compression, {
      ...BASE,
      'usr/share/members/x.txt': 'line one\nline 2\nline three\n',
    });
    expect(await memberDifferences(ci, local)).toEqual([
      {
        id: 'control.tar ▸ ./md5sums',
        path: './md5sums',
        status: 'differs',
        ciSize: md5sums(BASE).length,
        localSize: md5sums(BASE).length,
      },
      {
        id: 'data.tar ▸ ./usr/share/members/x.txt',
        path: './usr/share/members/x.txt',
        status: 'differs',
        ciSize: 29,
        localSize: 27,
      },
    ]);
  });

  it('lists a file changed without updating md5sums, which diffoscope hides', async () => {
    const ci = await buildDeb(compression, BASE);
    const changed = { ...BASE, 'usr/share/members/x.txt': 'line one\nline TWO\nline three\n' };
    const local = await buildDeb(compression, changed, BASE);
    expect((await memberDifferences(ci, local)).map((entry) => entry.id)).toEqual([
      'data.tar ▸ ./usr/share/members/x.txt',
    ]);

    // Why our own hashes are the authority: diffoscope trusts md5sums, finds
    // "no file-specific differences" and falls back to a hexdump of data.tar.
    const report = join(work, `report-${(counter += 1)}.json`);
    await run('diffoscope', ['--json', report, '--no-progress', ci, local]).catch(
      (error: { code?: number }) => {
        if (error.code !== 1) throw error;
      },
    );
    const names: string[] = [];
    const walk = (node: { source1: string; details?: unknown[] }): void => {
      names.push(node.source1);
      for (const child of node.details ?? []) walk(child as typeof node);
    };
    walk(JSON.parse(await readFile(report, 'utf8')) as { source1: string });
    expect(names).toContain('data.tar');
    expect(names.filter((name) => name.includes('x.txt'))).toEqual([]);
  });

  it('lists members on one side only', async () => {
    const ci = await buildDeb(compression, BASE);
    const rest = Object.fromEntries(
      Object.entries(BASE).filter(([path]) => path !== 'usr/share/members/y.txt'),
    );
    const localFiles = { ...rest, 'usr/share/members/new/z.txt': 'new\n' };
    const local = await buildDeb(compression, localFiles);
    expect(
      (await memberDifferences(ci, local)).map((entry) => [
        entry.id,
        entry.status,
        entry.ciSize,
        entry.localSize,
      ]),
    ).toEqual([
      ['control.tar ▸ ./md5sums', 'differs', md5sums(BASE).length, md5sums(localFiles).length],
      ['data.tar ▸ ./usr/share/members/new/', 'only-local', null, 0],
      ['data.tar ▸ ./usr/share/members/new/z.txt', 'only-local', null, 4],
      ['data.tar ▸ ./usr/share/members/y.txt', 'only-ci', 26, null],
    ]);
  });

  it('extracts a member’s exact bytes, text or binary', async () => {
    const blob = randomBytes(300_000);
    const deb = await buildDeb(compression, { ...BASE, 'usr/lib/members/blob.bin': blob });
    const listed = await listDebMembers(deb);
    const entry = listed.find((member) => member.path === './usr/lib/members/blob.bin');
    const dest = join(work, `extracted-${(counter += 1)}`);
    await extractMember(deb, 'data.tar ▸ ./usr/lib/members/blob.bin', dest, {
      expectedSha256: entry?.sha256 ?? '',
    });
    expect((await readFile(dest)).equals(blob)).toBe(true);
    const text = join(work, `extracted-${(counter += 1)}`);
    await extractMember(deb, 'data.tar ▸ ./usr/share/members/x.txt', text);
    expect(await readFile(text, 'utf8')).toBe(BASE['usr/share/members/x.txt']);
  });

  it('diffs one text member with diffoscope, showing the changed line', async () => {
    const ci = await buildDeb(compression, BASE);
    const local = await buildDeb(compression, {
      ...BASE,
      'usr/share/members/x.txt': 'line one\nline 2\nline three\n',
    });
    const diff = await diffMemberPair(ci, local, 'data.tar ▸ ./usr/share/members/x.txt');
    expect(diff.version).toMatch(/^diffoscope \d+/);
    expect(diff.identical).toBe(false);
    expect(diff.text.split('\n')).toEqual(
      expect.arrayContaining(['-line two', '+line 2', ' line one']),
    );
    const same = await diffMemberPair(ci, local, 'data.tar ▸ ./usr/share/members/keep.txt');
    expect(same).toMatchObject({ text: '', identical: true });
  });
});

describe('member diffs beyond one text file', () => {
  it('diffs a member present on one side only against an empty file', async () => {
    const ci = await buildDeb('xz', BASE);
    const local = await buildDeb('xz', { ...BASE, 'usr/share/members/new.txt': 'brand new\n' });
    const diff = await diffMemberPair(ci, local, 'data.tar ▸ ./usr/share/members/new.txt');
    expect(diff.identical).toBe(false);
    expect(diff.text).toContain('# Countersign: only in the local package');
    expect(diff.text).toContain('+brand new');
  });

  it('shows a mode change that diffoscope cannot see in the bytes', async () => {
    const ci = await buildDeb('xz', BASE);
    counter += 1;
    const root = join(work, `pkg-mode-${counter}`);
    await run('cp', ['-a', join(work, `pkg-${counter - 1}`), root]);
    await run('chmod', ['4755', join(root, 'usr/share/members/x.txt')]);
    const local = join(work, `mode-${counter}.deb`);
    await run('dpkg-deb', ['-Zxz', '--root-owner-group', '--build', root, local]);
    expect((await memberDifferences(ci, local)).map((entry) => entry.id)).toEqual([
      'data.tar ▸ ./usr/share/members/x.txt',
    ]);
    const diff = await diffMemberPair(ci, local, 'data.tar ▸ ./usr/share/members/x.txt');
    expect(diff).toMatchObject({
      identical: false,
      text: '# Countersign: mode differs: CI 0644, local 4755\n',
    });
  });

  it('handles a member named with <script> and a newline without ever using the name as a path', async () => {
    // dpkg-deb refuses such a name, so data.tar comes from GNU tar and the package from ar.
    const hostile = 'evil<script>alert(1)<\\script>\n+line.txt';
    const packages: string[] = [];
    for (const side of ['ci', 'local']) {
      const dir = join(work, `hostile-${side}`);
      const seed = await buildDeb('xz', BASE);
      await mkdir(join(dir, 'root', 'usr', 'share'), { recursive: true });
      await writeFile(join(dir, 'root', 'usr', 'share', hostile), `${side} says hi\n`);
      await run('ar', ['x', seed, 'debian-binary', 'control.tar.xz'], { cwd: dir });
      await run(
        'tar',
        ['--format=gnu', '--owner=0', '--group=0', '-cJf', 'data.tar.xz', '-C', 'root', './usr'],
        {
          cwd: dir,
        },
      );
      await run('ar', ['rcD', 'hostile.deb', 'debian-binary', 'control.tar.xz', 'data.tar.xz'], {
        cwd: dir,
      });
      packages.push(join(dir, 'hostile.deb'));
    }
    const [ci = '', local = ''] = packages;
    const id = `data.tar ▸ ./usr/share/${hostile}`;
    expect((await memberDifferences(ci, local)).map((entry) => entry.id)).toEqual([id]);

    const before = (await readdir(tmpdir())).filter((name) => name.startsWith('cs-member-'));
    const diff = await diffMemberPair(ci, local, id);
    expect(diff.text.split('\n')).toEqual(
      expect.arrayContaining(['-ci says hi', '+local says hi']),
    );
    expect((await readdir(tmpdir())).filter((name) => name.startsWith('cs-member-'))).toEqual(
      before,
    );
    const dest = join(work, 'hostile-extracted');
    await extractMember(ci, id, dest);
    expect(await readFile(dest, 'utf8')).toBe('ci says hi\n');
  });

  it('lists a 5,000-file package well under a second', async () => {
    const files: Tree = {};
    for (let index = 0; index < 5000; index += 1) {
      files[`usr/share/many/${index % 50}/file-${index}.txt`] =
        `file ${index}\nbuilt at ${Date.now()}\n`;
    }
    const deb = await buildDeb('xz', files);
    await listDebMembers(deb); // warm up: the first call also compiles the xz decoder
    const start = performance.now();
    const members = await listDebMembers(deb);
    const seconds = (performance.now() - start) / 1000;
    expect(members.filter((member) => member.type === 'file')).toHaveLength(5002);
    expect(seconds).toBeLessThan(1);
  });
});
