import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readReleaseKey, withUnlockedKey } from '../lib/openpgp/index';
import { generatedKey, TEST_PASSPHRASE } from '../lib/openpgp/testing/generatedKeys';
import { publishAttestations } from './publishAttestations';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'countersign-publish-attest-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('publishAttestations', () => {
  it('leaves the publication standing, says why and leaves nothing half-written when it cannot attest', async () => {
    const root = join(dir, 'apt-prod');
    const reviewDir = join(dir, 'review');
    await mkdir(reviewDir, { recursive: true });
    const key = await readReleaseKey((await generatedKey()).armored);
    const lines: string[] = [];
    const written = await withUnlockedKey(key, TEST_PASSPHRASE, (unlocked) =>
      publishAttestations(root, undefined, reviewDir, 'v1.0', unlocked, new Date(), {
        phase: () => undefined,
        log: (line) => lines.push(line),
      }),
    );
    expect(written).toEqual([]);
    expect(lines.join('\n')).toMatch(/attestations were not published: .*no promotion/);
    expect(lines.join('\n')).toContain('countersign attest export');
    expect(await readdir(join(root, 'attestations')).catch(() => [])).toEqual([]);
  });
});
