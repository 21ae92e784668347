import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import type { ProjectConfig } from '../../../shared/project';
import type { RebuildRecipe } from '../../../shared/rebuild';
import { GnupgHome } from '../lib/gpg/gnupgHome';
import { newProjectId } from '../lib/project/projectIdentity';
import { saveProject } from '../lib/project/projectStore';
import { addTrustedKeys } from '../tag/index';
import { publishDemoCi, type DemoCiRelease } from './demoCiArtifacts';
import { createDemoReleaseKey, type DemoReleaseKey } from './demoReleaseKey';
import { DemoRepo } from '../lib/git/gitRepo';
import { DEMO_RC_DATE, DEMO_RELEASE_DATE, demoSourceFiles } from './demoSource';

export interface DemoRelease {
  dir: string;
  projectFile: string;
  /** The project's identity, which its review folders are kept under. */
  projectId: string;
  repoPath: string;
  maintainer: { primary: string; signingSubkey: string; userId: string };
  untrusted: { primary: string; userId: string };
  tags: { release: string; rc: string; untrusted: string };
  /** CI's apt-test repository, or null when the demo was made without CI (no Docker needed). */
  ci: DemoCiRelease | null;
  /** The empty repository a release is promoted into. */
  aptProd: string;
  /** The encrypted release key imported into the project, and its passphrase. */
  releaseKey: DemoReleaseKey;
}

export interface DemoOptions {
  /** Build CI's packages in Docker and publish apt-test (default true). */
  ci?: boolean;
  /** The project's identity (default: a fresh one, so two demos never share a review). */
  id?: string;
  /** An epoch for the packages' versions (1 gives 1:1.0.0): apt then names files with %3a. */
  epoch?: number;
  log?: (line: string) => void;
}

const DEMO_PROJECT_NAME = 'countersign-hello';
const DEMO_KEY_DATE = '2025-12-01T09:00:00Z';
const DEMO_KEY_TIME = gpgTime(DEMO_KEY_DATE);

/** GnuPG's frozen --faked-system-time for an ISO date. */
export function gpgTime(iso: string): string {
  return `${iso.replace(/[-:]/g, '').replace(/\.\d+/, '').replace(/Z$/, '')}!`;
}

/** The demo's rebuild recipe: Debian bookworm bootstrapped by Countersign, the Debian preset. */
export const DEMO_RECIPE: RebuildRecipe = {
  base: { kind: 'bootstrap', suite: 'bookworm', packages: ['debhelper'] },
  preset: 'debian',
  artifacts: ['*.deb', '*.buildinfo', '*.changes'],
  env: {},
};

export const MAINTAINER_UID = 'Dana Maintainer <dana@example.org>';
export const CI_UID = 'Countersign Demo CI <ci@example.org>';
const CI_PUBLISH_DATE = '2026-02-01T11:00:00Z';
export const UNTRUSTED_UID = 'Mallory Outsider <mallory@example.net>';

async function assertEmptyOrMissing(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (!info) return;
  if (!info.isDirectory() || (await readdir(dir)).length > 0) {
    throw new CountersignError(
      'INVALID_REQUEST',
      `${dir} already exists and is not empty; the demo never writes over files.`,
      'Name a new folder with --dir.',
    );
  }
}

/**
 * Builds the sample release with real git and real GnuPG: a maintainer whose
 * certify-only primary key signs through a subkey, signed tags v1.0.0-rc1 and
 * v1.0.0, and v1.0.0-untrusted signed by a key outside the trust list. The
 * secret keys live only in a throwaway GnuPG home that is deleted at the end.
 */
export async function createDemo(
  dirInput: string,
  options: DemoOptions = {},
): Promise<DemoRelease> {
  const log = options.log ?? (() => {});
  const dir = resolve(dirInput);
  const projectId = options.id ?? newProjectId(DEMO_PROJECT_NAME);
  await assertEmptyOrMissing(dir);
  await mkdir(join(dir, 'keys'), { recursive: true });
  const gpg = await GnupgHome.create();
  try {
    log('Generating the maintainer key (Ed25519, signing subkey) and an outsider key');
    // Keys and signatures are dated like the release history they belong to.
    const keyTime = { fakedTime: DEMO_KEY_TIME };
    const maintainer = await gpg.generateKey(MAINTAINER_UID, { usage: 'cert', ...keyTime });
    const signingSubkey = await gpg.addSubkey(maintainer, { usage: 'sign', ...keyTime });
    const untrusted = await gpg.generateKey(UNTRUSTED_UID, keyTime);
    const ciKey = await gpg.generateKey(CI_UID, keyTime);
    const maintainerKey = await gpg.exportPublic(maintainer);
    await writeFile(join(dir, 'keys', 'maintainer.asc'), maintainerKey);
    await writeFile(join(dir, 'keys', 'untrusted.asc'), await gpg.exportPublic(untrusted));

    log('Creating the source repository and signing its tags');
    const repo = await DemoRepo.init(join(dir, 'source'));
    await repo.commit(
      demoSourceFiles(false, options.epoch),
      'Release candidate 1.0.0~rc1',
      DEMO_RC_DATE,
    );
    const atRc = { date: DEMO_RC_DATE, gpgProgram: await gpg.gpgProgramAt(gpgTime(DEMO_RC_DATE)) };
    const atRelease = {
      date: DEMO_RELEASE_DATE,
      gpgProgram: await gpg.gpgProgramAt(gpgTime(DEMO_RELEASE_DATE)),
    };
    await repo.signedTag('v1.0.0-rc1', 'countersign-hello 1.0.0~rc1', gpg, signingSubkey, atRc);
    const releaseCommit = await repo.commit(
      demoSourceFiles(true, options.epoch),
      'Release 1.0.0',
      DEMO_RELEASE_DATE,
    );
    await repo.signedTag('v1.0.0', 'countersign-hello 1.0.0', gpg, signingSubkey, atRelease);
    await repo.signedTag(
      'v1.0.0-untrusted',
      'countersign-hello 1.0.0 (not from the maintainer)',
      gpg,
      untrusted,
      atRelease,
    );

    const aptProd = join(dir, 'apt-prod');
    await mkdir(aptProd);
    log('Generating the release key (Ed25519, protected by a passphrase)');
    const releaseKey = await createDemoReleaseKey(dir, new Date(DEMO_KEY_DATE));
    let ci: DemoCiRelease | null = null;
    const ciPublicKey = await gpg.exportPublic(ciKey);
    await writeFile(join(dir, 'keys', 'ci.asc'), ciPublicKey);
    if (options.ci ?? true) {
      ci = await publishDemoCi(
        dir,
        { repo: repo.path, tag: 'v1.0.0', commit: releaseCommit, recipe: DEMO_RECIPE },
        gpg,
        ciKey,
        {
          date: new Date(CI_PUBLISH_DATE),
          fakedTime: gpgTime(CI_PUBLISH_DATE),
          sourceDate: new Date(DEMO_RELEASE_DATE),
        },
        log,
      );
    }

    const empty: ProjectConfig = {
      id: projectId,
      name: DEMO_PROJECT_NAME,
      source: { repo: 'source' },
      trustedSigners: [],
      rebuild: DEMO_RECIPE,
      aptProd: {
        path: 'apt-prod',
        origin: 'Countersign Demo',
        label: 'countersign-hello',
        acquireByHash: true,
      },
      releaseKey: { file: releaseKey.file, fingerprint: releaseKey.fingerprint },
      ...(ci
        ? {
            ci: {
              source: 'apt:apt-test',
              repositoryKeys: [{ fingerprint: ciKey, publicKey: ciPublicKey }],
            },
          }
        : {}),
    };
    const projectFile = join(dir, 'project.json');
    await saveProject(projectFile, await addTrustedKeys(empty, maintainerKey));
    log(`Demo release written to ${dir}`);
    return {
      dir,
      projectFile,
      projectId,
      repoPath: repo.path,
      maintainer: { primary: maintainer, signingSubkey, userId: MAINTAINER_UID },
      untrusted: { primary: untrusted, userId: UNTRUSTED_UID },
      tags: { release: 'v1.0.0', rc: 'v1.0.0-rc1', untrusted: 'v1.0.0-untrusted' },
      ci,
      aptProd,
      releaseKey,
    };
  } catch (error) {
    // The folder was empty or missing when we started: a failed demo leaves nothing behind.
    await rm(dir, { recursive: true, force: true });
    throw error;
  } finally {
    await gpg.dispose();
  }
}
