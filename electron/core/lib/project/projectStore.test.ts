import * as openpgp from 'openpgp';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProject, saveProject } from './projectStore';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cs-project-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function publicKey() {
  const { publicKey: key } = await openpgp.generateKey({
    userIDs: [{ name: 'M', email: 'm@example.org' }],
    type: 'curve25519',
    format: 'object',
  });
  return key;
}

describe('loadProject', () => {
  it('reads a project and resolves its repository against the project folder', async () => {
    const key = await publicKey();
    const file = join(dir, 'project.json');
    await saveProject(file, {
      name: 'p',
      source: { repo: 'source' },
      trustedSigners: [{ fingerprint: key.getFingerprint().toUpperCase(), publicKey: key.armor() }],
    });
    const project = await loadProject(file);
    expect(project.repoPath).toBe(join(dir, 'source'));
    expect(project.trustedKeys).toHaveLength(1);
  });

  it('refuses a project whose stored key does not match its pinned fingerprint', async () => {
    const [pinned, swapped] = [await publicKey(), await publicKey()];
    const file = join(dir, 'project.json');
    await writeFile(
      file,
      JSON.stringify({
        name: 'p',
        source: { repo: '.' },
        trustedSigners: [
          { fingerprint: pinned.getFingerprint().toUpperCase(), publicKey: swapped.armor() },
        ],
      }),
    );
    await expect(loadProject(file)).rejects.toMatchObject({ code: 'INVALID_PROJECT' });
  });

  it('names the problem for a missing file, bad JSON and a wrong shape', async () => {
    await expect(loadProject(join(dir, 'none.json'))).rejects.toMatchObject({
      code: 'PROJECT_UNREADABLE',
    });
    await writeFile(join(dir, 'bad.json'), '{ nope');
    await expect(loadProject(join(dir, 'bad.json'))).rejects.toMatchObject({
      code: 'INVALID_PROJECT',
    });
    await writeFile(join(dir, 'shape.json'), '{"name": 3}');
    await expect(loadProject(join(dir, 'shape.json'))).rejects.toMatchObject({
      code: 'INVALID_PROJECT',
    });
  });
});
