import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { RebuildRecipe } from '../../../shared/rebuild';
import type { GnupgHome } from '../lib/gpg/gnupgHome';
import { buildDeb, rewriteFileInDeb } from './debPackaging';
import { buildLikeCi } from './demoCiBuild';
import { writeSignedRepository } from './demoAptRepository';

/** What the demo's CI published, and how it compares with an honest rebuild. */
export interface DemoCiRelease {
  repository: string;
  suite: string;
  keyFingerprint: string;
  identical: string;
  differs: string;
  onlyCi: string;
}

const DOC_README = 'usr/share/doc/countersign-hello-doc/README.md';

// It names the release's source, as a package slipped into CI's build would: compare reads
// this release's packages by their Source, and the rebuild shows the source never built it.
const EXTRA_CONTROL = `Package: countersign-hello-telemetry
Source: countersign-hello
Version: 1.0.0
Architecture: all
Maintainer: CI Robot <ci@example.org>
Installed-Size: 1
Section: utils
Priority: optional
Description: reports usage of countersign-hello
 A package CI published that the tagged source does not build.
`;

/**
 * The demo's apt-test: CI's build of the release tag, where one package is
 * exactly what the source builds, one differs in one line of one file (CI
 * built without SOURCE_DATE_EPOCH, so its README carries the clock's time) and
 * one exists only in CI. Signed by
 * the CI key, as CI publishing would.
 */
export async function publishDemoCi(
  dir: string,
  source: { repo: string; tag: string; commit: string; recipe: RebuildRecipe },
  gpg: GnupgHome,
  ciKey: string,
  /** When CI published (it signs then), and the release's own date (its files' timestamps). */
  published: { date: Date; fakedTime: string; sourceDate: Date },
  log: (line: string) => void,
): Promise<DemoCiRelease> {
  const built = await buildLikeCi(source.repo, source.tag, source.commit, source.recipe, log);
  const main = built.find((file) => basename(file).startsWith('countersign-hello_'));
  const doc = built.find((file) => basename(file).startsWith('countersign-hello-doc_'));
  if (!main || !doc)
    throw new Error(`The CI build made ${built.map((file) => basename(file)).join(', ')}`);
  const epoch = Math.floor(published.sourceDate.getTime() / 1000);
  // CI built without SOURCE_DATE_EPOCH, so its documentation carries the clock's time.
  const ciStamp = `${published.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const staging = await mkdtemp(join(tmpdir(), 'cs-ci-'));
  try {
    const identical = join(staging, basename(main));
    const differs = join(staging, basename(doc));
    const onlyCi = join(staging, 'countersign-hello-telemetry_1.0.0_all.deb');
    await copyFile(main, identical);
    log('CI publish: the documentation package carries the build clock (the one that differs)');
    await rewriteFileInDeb(
      doc,
      differs,
      DOC_README,
      (text) => text.replace(/^Built .* UTC\.$/m, `Built ${ciStamp}.`),
      epoch,
    );
    log('CI publish: adding a package the source does not build');
    await buildDeb(
      onlyCi,
      EXTRA_CONTROL,
      { 'usr/share/doc/countersign-hello-telemetry/README': 'Telemetry for countersign-hello.\n' },
      epoch,
    );
    const repository = join(dir, 'apt-test');
    await mkdir(repository, { recursive: true });
    log('CI publish: writing apt-test and signing it with the CI key');
    await writeSignedRepository(
      repository,
      [identical, differs, onlyCi],
      {
        suite: 'stable',
        codename: 'stable',
        component: 'main',
        origin: 'Countersign demo CI',
        label: 'apt-test',
      },
      gpg,
      ciKey,
      published.date,
      published.fakedTime,
    );
    return {
      repository,
      suite: 'stable',
      keyFingerprint: ciKey,
      identical: basename(identical),
      differs: basename(differs),
      onlyCi: basename(onlyCi),
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
