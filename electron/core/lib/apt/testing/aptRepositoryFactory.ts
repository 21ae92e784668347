import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type * as openpgp from 'openpgp';
import { parseDeb822 } from '../../deb/deb822';
import type { GnupgHome } from '../../gpg/gnupgHome';
import { readKeyring } from '../../openpgp/readKeyring';
import { packagesIndexText, releaseText } from '../writeIndexes';

/** Runs a tool and returns its stdout as bytes; throws with its stderr when it fails. */
export function runTool(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, LC_ALL: 'C', ...options.env },
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`${command} ${args.join(' ')} failed (${code}): ${err.trim()}`));
    });
  });
}

const digest = (algorithm: 'md5' | 'sha256', bytes: Uint8Array) =>
  createHash(algorithm).update(bytes).digest('hex');

export interface DebSpec {
  name: string;
  version: string;
  architecture: string;
  /** Bytes of incompressible payload, to make a package big enough to cut a download of. */
  payloadBytes?: number;
  /** The control file's Source field, for a binary named or versioned unlike its source. */
  source?: string;
}

/** Builds a tiny real .deb with `dpkg-deb --build`; returns its path. */
export async function buildDeb(workDir: string, spec: DebSpec): Promise<string> {
  const tree = join(workDir, `${spec.name}_${spec.version}-tree`);
  await mkdir(join(tree, 'DEBIAN'), { recursive: true });
  await mkdir(join(tree, 'usr/share/doc', spec.name), { recursive: true });
  await writeFile(
    join(tree, 'DEBIAN/control'),
    [
      `Package: ${spec.name}`,
      `Version: ${spec.version}`,
      `Architecture: ${spec.architecture}`,
      ...(spec.source ? [`Source: ${spec.source}`] : []),
      'Maintainer: Countersign Tests <tests@example.org>',
      `Description: ${spec.name} for the apt reader's tests`,
      ' A tiny package built with dpkg-deb.',
      '',
    ].join('\n'),
  );
  await writeFile(
    join(tree, 'usr/share/doc', spec.name, 'README'),
    `${spec.name} ${spec.version}\n`,
  );
  if (spec.payloadBytes) {
    // Deterministic and incompressible: a hash chain.
    const blocks: Buffer[] = [];
    let block = createHash('sha256').update(spec.name).digest();
    for (let size = 0; size < spec.payloadBytes; size += block.length) {
      block = createHash('sha256').update(block).digest();
      blocks.push(block);
    }
    await writeFile(join(tree, 'usr/share/doc', spec.name, 'payload.bin'), Buffer.concat(blocks));
  }
  const deb = join(workDir, `${spec.name}_${spec.version}_${spec.architecture}.deb`);
  await runTool('dpkg-deb', ['--root-owner-group', '-Zgzip', '--build', tree, deb], {
    env: { SOURCE_DATE_EPOCH: '1767225600' },
  });
  await rm(tree, { recursive: true, force: true });
  return deb;
}

export interface RepositorySpec {
  suite: string;
  codename: string;
  component: string;
  /** The binary architectures to index, `all` included when wanted. */
  architectures: string[];
  /** Who writes Packages and Release: Debian's apt-ftparchive, or Countersign's own writer. */
  indexer: 'apt-ftparchive' | 'countersign';
  /** Only with Countersign's writer. */
  validUntil?: Date;
  /** Only with Countersign's writer: also publishes by-hash copies of the indexes. */
  acquireByHash?: boolean;
}

async function copyIntoPool(root: string, debs: string[], component: string): Promise<string[]> {
  const placed: string[] = [];
  for (const deb of debs) {
    const name = basename(deb).split('_')[0] ?? 'x';
    const filename = `pool/${component}/${name[0]}/${name}/${basename(deb)}`;
    await mkdir(join(root, filename, '..'), { recursive: true });
    await copyFile(deb, join(root, filename));
    placed.push(filename);
  }
  return placed;
}

async function writeCompressed(dir: string, text: string | Buffer): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'Packages'), text);
  await writeFile(join(dir, 'Packages.gz'), gzipSync(text, { level: 9 }));
  await runTool('xz', ['-k', '-f', '-9', join(dir, 'Packages')]);
}

/** Lists every file below `dir`, relative to it. */
async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * Writes an unsigned apt repository at `root`: the debs in pool/, and for
 * each architecture Packages, Packages.gz and Packages.xz, then Release —
 * with apt-ftparchive, or with Countersign's own writer.
 */
export async function writeRepository(
  root: string,
  debs: string[],
  spec: RepositorySpec,
): Promise<void> {
  const placed = await copyIntoPool(root, debs, spec.component);
  const dists = join(root, 'dists', spec.suite);
  if (spec.indexer === 'apt-ftparchive') {
    for (const architecture of spec.architectures) {
      const packages = await runTool(
        'apt-ftparchive',
        ['--arch', architecture, 'packages', `pool/${spec.component}`],
        {
          cwd: root,
        },
      );
      await writeCompressed(join(dists, spec.component, `binary-${architecture}`), packages);
    }
    const option = (name: string, value: string) => [
      '-o',
      `APT::FTPArchive::Release::${name}=${value}`,
    ];
    const release = await runTool(
      'apt-ftparchive',
      [
        ...option('Origin', 'Countersign CI'),
        ...option('Label', 'apt-test'),
        ...option('Suite', spec.suite),
        ...option('Codename', spec.codename),
        ...option('Architectures', spec.architectures.join(' ')),
        ...option('Components', spec.component),
        'release',
        '.',
      ],
      { cwd: dists },
    );
    await writeFile(join(dists, 'Release'), release);
    return;
  }

  const entries = [];
  for (const filename of placed) {
    const bytes = await readFile(join(root, filename));
    const [control] = parseDeb822(
      (await runTool('dpkg-deb', ['-f', join(root, filename)])).toString('utf8'),
    );
    if (!control) throw new Error(`no control in ${filename}`);
    entries.push({
      control,
      filename,
      size: bytes.length,
      md5: digest('md5', bytes),
      sha256: digest('sha256', bytes),
    });
  }
  for (const architecture of spec.architectures) {
    const mine = entries.filter((entry) => {
      const arch = entry.control.get('Architecture');
      return arch === architecture || arch === 'all';
    });
    await writeCompressed(
      join(dists, spec.component, `binary-${architecture}`),
      packagesIndexText(mine),
    );
  }
  const files = [];
  for (const path of await filesBelow(dists)) {
    const bytes = await readFile(join(dists, path));
    files.push({
      path,
      size: bytes.length,
      md5: digest('md5', bytes),
      sha256: digest('sha256', bytes),
    });
    if (spec.acquireByHash) {
      const byHash = join(dists, path, '..', 'by-hash', 'SHA256');
      await mkdir(byHash, { recursive: true });
      await writeFile(join(byHash, digest('sha256', bytes)), bytes);
    }
  }
  await writeFile(
    join(dists, 'Release'),
    releaseText({
      origin: 'Countersign CI',
      label: 'apt-test',
      suite: spec.suite,
      codename: spec.codename,
      date: new Date(),
      ...(spec.validUntil ? { validUntil: spec.validUntil } : {}),
      components: [spec.component],
      architectures: spec.architectures,
      acquireByHash: spec.acquireByHash ?? false,
      files,
    }),
  );
}

/**
 * Signs a suite's Release with real GnuPG, as a publishing step does:
 * `gpg --clearsign` for InRelease (one signature per signer) and
 * `gpg --detach-sign --armor` for Release.gpg.
 */
export async function signRelease(
  root: string,
  suite: string,
  gpg: GnupgHome,
  signers: string[],
  files: { inRelease: boolean; detached: boolean } = { inRelease: true, detached: true },
): Promise<void> {
  const dists = join(root, 'dists', suite);
  const users = signers.flatMap((fingerprint) => ['--local-user', `${fingerprint}!`]);
  await rm(join(dists, 'InRelease'), { force: true });
  await rm(join(dists, 'Release.gpg'), { force: true });
  if (files.inRelease) {
    await gpg.run([
      ...users,
      '--digest-algo',
      'SHA512',
      '--clearsign',
      '--output',
      join(dists, 'InRelease'),
      join(dists, 'Release'),
    ]);
  }
  if (files.detached) {
    await gpg.run([
      ...users,
      '--digest-algo',
      'SHA512',
      '-abs',
      '--output',
      join(dists, 'Release.gpg'),
      join(dists, 'Release'),
    ]);
  }
}

/** A repository signing key made in `gpg`, with its public half as openpgp.js reads it. */
export async function repositoryKey(
  gpg: GnupgHome,
  userId: string,
): Promise<{ fingerprint: string; publicKeys: openpgp.PublicKey[] }> {
  const fingerprint = await gpg.generateKey(userId);
  const armored = await gpg.exportPublic(fingerprint);
  return { fingerprint, publicKeys: await readKeyring(Buffer.from(armored, 'utf8'), userId) };
}
