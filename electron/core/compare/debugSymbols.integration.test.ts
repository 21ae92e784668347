import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GnupgHome } from '../lib/gpg/gnupgHome';
import {
  buildDeb,
  repositoryKey,
  signRelease,
  writeRepository,
} from '../lib/apt/testing/aptRepositoryFactory';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import { compareSources } from './compareSources';

// A rebuild makes -dbgsym packages that Debian publishes in a separate archive:
// next to a repository without them they are expected, never "only local".

const quiet: JobReporter = { phase: () => {}, log: () => {} };
let work: string;
let gpg: GnupgHome;
let keys: Awaited<ReturnType<typeof repositoryKey>>;
let repo: string;
let rebuild: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cs-dbgsym-'));
  gpg = await GnupgHome.create();
  keys = await repositoryKey(gpg, 'Countersign CI <ci@example.org>');
  const hello = await buildDeb(work, { name: 'hello', version: '1.0-1', architecture: 'amd64' });
  const symbols = await buildDeb(work, {
    name: 'hello-dbgsym',
    version: '1.0-1',
    architecture: 'amd64',
    source: 'hello',
  });
  repo = join(work, 'apt-test');
  await writeRepository(repo, [hello], {
    suite: 'testing',
    codename: 'trixie',
    component: 'main',
    architectures: ['amd64'],
    indexer: 'apt-ftparchive',
  });
  await signRelease(repo, 'testing', gpg, [keys.fingerprint]);
  rebuild = join(work, 'rebuild');
  await mkdir(rebuild);
  await copyFile(hello, join(rebuild, 'hello_1.0-1_amd64.deb'));
  await copyFile(symbols, join(rebuild, 'hello-dbgsym_1.0-1_amd64.deb'));
});

afterAll(async () => {
  await gpg?.dispose();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('debug symbols next to a repository that does not publish them', () => {
  for (const packages of [[], ['hello', 'hello-dbgsym']]) {
    it(`sets them aside as expected, and the release is identical (packages: ${packages.join(',') || 'all'})`, async () => {
      const result = await compareSources(`apt:${repo}`, rebuild, {
        apt: { trustedKeys: keys.publicKeys },
        packages,
        downloadDir: join(work, `downloads-${packages.length}`),
        report: quiet,
      });
      expect(result.identical).toBe(true);
      expect(result.summary).toMatchObject({ identical: 1, onlyLocal: 0 });
      expect(result.local.skipped).toEqual([
        {
          path: 'hello-dbgsym_1.0-1_amd64.deb',
          reason: expect.stringMatching(/^debug symbols: .*debian-debug.*expected/) as string,
        },
      ]);
    });
  }
});
