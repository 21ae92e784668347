import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomicWrite';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temp file behind', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cs-atomic-'));
    const file = join(dir, 'project.json');
    await writeFileAtomic(file, 'old');
    await writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['project.json']);
  });

  it('fails without touching anything when the folder does not exist', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cs-atomic-'));
    await expect(writeFileAtomic(join(dir, 'missing', 'x.json'), 'data')).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});
