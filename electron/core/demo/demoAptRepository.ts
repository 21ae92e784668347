import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packagesIndexText, releaseText } from '../lib/apt/writeIndexes';
import { readDebControl } from '../lib/deb/readDebControl';
import type { GnupgHome } from '../lib/gpg/gnupgHome';

const digest = (algorithm: 'md5' | 'sha256', bytes: Uint8Array | string) =>
  createHash(algorithm).update(bytes).digest('hex');

export interface RepositoryLayout {
  suite: string;
  codename: string;
  component: string;
  origin: string;
  label: string;
}

/**
 * Writes a signed apt repository holding `debs`, as a CI publishing step
 * would: pool/, dists/<suite>/<component>/binary-all/Packages(.gz), Release,
 * InRelease and Release.gpg signed by `signer` with real GnuPG.
 */
export async function writeSignedRepository(
  root: string,
  debs: string[],
  layout: RepositoryLayout,
  gpg: GnupgHome,
  signer: string,
  date: Date,
  fakedTime: string,
): Promise<void> {
  const entries = [];
  for (const deb of debs) {
    const { identity, control } = await readDebControl(deb);
    const letter = identity.package.startsWith('lib')
      ? identity.package.slice(0, 4)
      : identity.package[0];
    const filename = `pool/${layout.component}/${letter}/${identity.package}/${basename(deb)}`;
    await mkdir(join(root, filename, '..'), { recursive: true });
    await copyFile(deb, join(root, filename));
    const bytes = await readFile(deb);
    entries.push({
      control,
      filename,
      size: (await stat(deb)).size,
      md5: digest('md5', bytes),
      sha256: digest('sha256', bytes),
    });
  }
  const indexDir = `${layout.component}/binary-all`;
  const packages = packagesIndexText(entries);
  const files: { path: string; size: number; md5: string; sha256: string }[] = [];
  const dists = join(root, 'dists', layout.suite);
  await mkdir(join(dists, indexDir), { recursive: true });
  for (const [name, bytes] of [
    ['Packages', Buffer.from(packages, 'utf8')],
    ['Packages.gz', gzipSync(packages, { level: 9 })],
  ] as const) {
    await writeFile(join(dists, indexDir, name), bytes);
    files.push({
      path: `${indexDir}/${name}`,
      size: bytes.length,
      md5: digest('md5', bytes),
      sha256: digest('sha256', bytes),
    });
  }
  const release = releaseText({
    origin: layout.origin,
    label: layout.label,
    suite: layout.suite,
    codename: layout.codename,
    date,
    components: [layout.component],
    architectures: ['all'],
    files,
  });
  await writeFile(join(dists, 'Release'), release);
  const sign = (args: string[]) =>
    gpg.run(['--local-user', `${signer}!`, '--digest-algo', 'SHA512', ...args], { fakedTime });
  await sign(['--clearsign', '--output', join(dists, 'InRelease'), join(dists, 'Release')]);
  await sign([
    '--detach-sign',
    '--armor',
    '--output',
    join(dists, 'Release.gpg'),
    join(dists, 'Release'),
  ]);
}
