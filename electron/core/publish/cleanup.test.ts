import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filenamesInIndex, removeUnkept } from './cleanup';
import { snapshotTree } from './testing/prodChecks';

let root: string;

async function put(path: string, text = 'x'): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
}

/** A publication whose stable suite lists `files`; without publication.json it counts as unfinished. */
async function publication(id: string, files: string[], complete = true): Promise<void> {
  const dir = `.countersign/publications/${id}`;
  const index = files.map((file) => `Package: p\nFilename: ${file}\n`).join('\n');
  await put(`${dir}/dists/stable/main/binary-all/Packages`, index);
  // by-hash copies of an older index must not count as references.
  await put(
    `${dir}/dists/stable/main/binary-all/by-hash/SHA256/abc`,
    'Filename: pool/main/o/old.deb\n',
  );
  if (complete) {
    await put(
      `${dir}/publication.json`,
      JSON.stringify({
        format: 1,
        id,
        publishedAt: '2026-02-01T10:00:00.000Z',
        previous: null,
        tag: null,
        suite: 'stable',
        releaseSha256: null,
        added: [],
        poolAdded: [],
        migrated: false,
      }),
    );
  }
}

const A = '20260201T100000Z-aaaaaaaa';
const B = '20260201T110000Z-bbbbbbbb';
const C = '20260201T120000Z-cccccccc';

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cs-cleanup-'));
  for (const file of ['a_1_all.deb', 'a_2_all.deb', 'old.deb']) await put(`pool/main/a/a/${file}`);
  await put('pool/main/o/old.deb');
  await put('pool/main/h/hand/hand.deb');
  await put('pool/main/n/new/new_1_all.deb');
  await publication(A, ['pool/main/a/a/a_1_all.deb', 'pool/main/h/hand/hand.deb']);
  await publication(B, ['pool/main/a/a/a_2_all.deb', 'pool/main/h/hand/hand.deb']);
  await publication(C, [], false);
  await put(
    `.countersign/publications/${C}/pool.json`,
    JSON.stringify({ poolPaths: ['pool/main/n/new/new_1_all.deb'] }),
  );
  await put('pool/main/a/a/.a_3_all.deb.cs-0123456789ab.tmp');
  await put(`.countersign/publications/${B}/dists/stable/.Release.0123456789ab.tmp`);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('removeUnkept', () => {
  it('removes other publications, the pool files only they listed or journaled, and temp files', async () => {
    const removed = await removeUnkept(root, new Set([B]));
    expect(removed.sort()).toEqual(
      [
        '.countersign/publications/20260201T100000Z-aaaaaaaa',
        '.countersign/publications/20260201T120000Z-cccccccc',
        `.countersign/publications/${B}/dists/stable/.Release.0123456789ab.tmp`,
        'pool/main/a/a/.a_3_all.deb.cs-0123456789ab.tmp',
        'pool/main/a/a/a_1_all.deb',
        'pool/main/n/new/new_1_all.deb',
      ].sort(),
    );
    const tree = await snapshotTree(root);
    // Still listed by B, never listed by anyone (put there by hand), or only in a by-hash copy.
    expect(tree.has('pool/main/a/a/a_2_all.deb')).toBe(true);
    expect(tree.has('pool/main/h/hand/hand.deb')).toBe(true);
    expect(tree.has('pool/main/a/a/old.deb')).toBe(true);
    expect(tree.has('pool/main/o/old.deb')).toBe(true);
    // The folders the journaled file emptied are gone too.
    expect(tree.has('pool/main/n')).toBe(false);
  });

  it('removes no pool file while a kept publication cannot be read', async () => {
    await rm(join(root, `.countersign/publications/${B}/dists/stable/main/binary-all/Packages`));
    await put(`.countersign/publications/${B}/dists/stable/main/binary-all/Packages.xz`, 'not xz');
    await removeUnkept(root, new Set([B]));
    const tree = await snapshotTree(root);
    expect(tree.has('pool/main/a/a/a_1_all.deb')).toBe(true);
    expect(tree.has('pool/main/n/new/new_1_all.deb')).toBe(true);
    expect(tree.has(`.countersign/publications/${A}`)).toBe(false);
  });

  it('never removes a pool file reached through a link, or a path outside pool/', async () => {
    const outside = `${root}-outside`;
    await mkdir(outside);
    await writeFile(join(outside, 'x.deb'), 'x');
    await symlink(outside, join(root, 'pool/main/l'));
    await publication(A, [
      '../outside.deb',
      'dists/x.deb',
      'pool/../../x.deb',
      'pool/main/l/x.deb',
    ]);
    await put('dists/x.deb');
    await removeUnkept(root, new Set([B]));
    expect((await snapshotTree(root)).has('dists/x.deb')).toBe(true);
    expect((await snapshotTree(outside)).has('x.deb')).toBe(true);
    await rm(outside, { recursive: true });
  });
});

describe('filenamesInIndex', () => {
  it('reads the Filename of every stanza', () => {
    expect(
      filenamesInIndex(
        'Package: a\nFilename: pool/a.deb\nSize: 1\n\nPackage: b\nFilename:  pool/b.deb \n',
      ),
    ).toEqual(['pool/a.deb', 'pool/b.deb']);
  });
});
