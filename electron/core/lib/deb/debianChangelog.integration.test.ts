import { mkdir, mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoRepo } from '../git/gitRepo';
import { readChangelogAt } from './debianChangelog';

const DATE = '2024-01-01T00:00:00Z';
const entry = (source: string, version: string, distribution = 'unstable') =>
  `${source} (${version}) ${distribution}; urgency=medium\n\n  * Release.\n\n -- Dana Maintainer <dana@example.org>  Mon, 01 Jan 2024 00:00:00 +0000\n\n`;

let dir: string;
let repo: DemoRepo;
let tagged: string;
let later: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'countersign-changelog-'));
  repo = await DemoRepo.init(join(dir, 'repo'));
  tagged = await repo.commit(
    { 'debian/changelog': entry('libcompface', '1:1.5.2-5.1') },
    'Non-maintainer upload',
    DATE,
  );
  await repo.git(['tag', '-a', '-m', 'release', 'debian/1%1.5.2-5.1', tagged]);
  later = await repo.commit(
    { 'debian/changelog': entry('libcompface', '1:1.5.2-6~rc1', 'experimental') },
    'Next',
    DATE,
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readChangelogAt', () => {
  it("reads the tagged commit's top entry from git, not the working tree", async () => {
    await writeFile(join(repo.path, 'debian/changelog'), entry('other', '9.9-9'));
    const commit = await repo.git(['rev-parse', 'refs/tags/debian/1%1.5.2-5.1^{commit}']);
    expect(commit).toBe(tagged);
    expect(await readChangelogAt(repo.path, tagged)).toEqual({
      source: 'libcompface',
      version: '1:1.5.2-5.1',
      distribution: 'unstable',
    });
    expect(await readChangelogAt(repo.path, later)).toEqual({
      source: 'libcompface',
      version: '1:1.5.2-6~rc1',
      distribution: 'experimental',
    });
    await repo.git(['checkout', '--', 'debian/changelog']);
  });

  it('reads a long changelog only as far as it needs', async () => {
    const history = Array.from({ length: 20_000 }, (_, i) => entry('hello', `1.${i}-1`)).join('');
    const commit = await repo.commit({ 'debian/changelog': history }, 'Long history', DATE);
    expect((await readChangelogAt(repo.path, commit))?.version).toBe('1.0-1');
  });

  it('answers null for a garbled header, a header too long to be one, or no changelog', async () => {
    const garbled = await repo.commit(
      { 'debian/changelog': 'hello 1.0 unstable urgency=low\n' },
      'Garbled',
      DATE,
    );
    expect(await readChangelogAt(repo.path, garbled)).toBeNull();
    const huge = await repo.commit(
      { 'debian/changelog': `hello (${'1'.repeat(200_000)}) unstable; urgency=low\n` },
      'Huge',
      DATE,
    );
    expect(await readChangelogAt(repo.path, huge)).toBeNull();
    await repo.git(['rm', '-q', 'debian/changelog']);
    const none = await repo.commit({ README: 'no packaging\n' }, 'No changelog', DATE);
    expect(await readChangelogAt(repo.path, none)).toBeNull();
  });

  it('answers null for a changelog that is a symbolic link', async () => {
    await repo.commit({ 'elsewhere/changelog': entry('hello', '1.0-1') }, 'Elsewhere', DATE);
    await mkdir(join(repo.path, 'debian'), { recursive: true });
    await symlink('../elsewhere/changelog', join(repo.path, 'debian/changelog'));
    const linked = await repo.commit({}, 'Linked', DATE);
    expect(await readChangelogAt(repo.path, linked)).toBeNull();
    await unlink(join(repo.path, 'debian/changelog'));
  });

  it('refuses a commit that does not exist, a non-SHA, and a folder that is not a repository', async () => {
    await expect(readChangelogAt(repo.path, 'f'.repeat(40))).rejects.toMatchObject({
      code: 'REPO_UNREADABLE',
    });
    await expect(readChangelogAt(repo.path, '--output=/tmp/x')).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
    await expect(readChangelogAt(repo.path, 'HEAD')).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
    await expect(readChangelogAt(dir, tagged)).rejects.toMatchObject({ code: 'REPO_UNREADABLE' });
  });
});
