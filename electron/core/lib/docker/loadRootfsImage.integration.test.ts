import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRootfsImage } from './loadRootfsImage';

const tags = ['countersign-test/rootfs:a', 'countersign-test/rootfs:b'];
const dirs: string[] = [];

/** A small root filesystem tar, made the same way twice (as mmdebstrap does with SOURCE_DATE_EPOCH). */
async function rootfsTar(): Promise<{ tar: string; work: string }> {
  const work = await mkdtemp(join(tmpdir(), 'cs-rootfs-'));
  dirs.push(work);
  await mkdir(join(work, 'root', 'etc'), { recursive: true });
  await writeFile(join(work, 'root', 'etc', 'os-release'), 'NAME=countersign-test\n');
  const tar = join(work, 'rootfs.tar');
  const made = spawnSync('tar', [
    '-C',
    join(work, 'root'),
    '--sort=name',
    '--mtime=@1700000000',
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '-cf',
    tar,
    '.',
  ]);
  expect(made.status).toBe(0);
  return { tar, work };
}

afterAll(async () => {
  spawnSync('docker', ['rmi', '--force', ...tags]);
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('loadRootfsImage (real Docker)', () => {
  it('gives the same image ID to the same root filesystem loaded twice', async () => {
    const first = await rootfsTar();
    const second = await rootfsTar();
    const a = await loadRootfsImage(first.tar, tags[0] ?? '', 1_700_000_000, first.work);
    const b = await loadRootfsImage(second.tar, tags[1] ?? '', 1_700_000_000, second.work);
    expect(a).toBe(b);
    const inspected = spawnSync(
      'docker',
      ['image', 'inspect', '--format', '{{.Id}} {{.Created}}', tags[0] ?? ''],
      {
        encoding: 'utf8',
      },
    );
    expect(inspected.stdout.trim()).toBe(`${a} 2023-11-14T22:13:20Z`);
  });
});
