import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { link, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256File } from '../fs/sha256File';
import { docker } from './dockerCli';

const DOCKER_ARCH: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ppc64: 'ppc64le',
  s390x: 's390x',
};

/**
 * Loads a root filesystem tar as a one-layer image whose ID depends only on
 * the tar's bytes and the epoch. `docker import` stamps the image with the
 * current time, so the same bootstrap would get a new ID each time; a
 * docker-archive with a config we write ourselves does not.
 */
export async function loadRootfsImage(
  rootfsTar: string,
  tag: string,
  epoch: number,
  work: string,
): Promise<string> {
  const diffId = `sha256:${await sha256File(rootfsTar)}`;
  const created = new Date(epoch * 1000).toISOString();
  const config = JSON.stringify({
    architecture: DOCKER_ARCH[process.arch] ?? process.arch,
    os: 'linux',
    created,
    config: {
      Cmd: ['/bin/bash'],
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    },
    rootfs: { type: 'layers', diff_ids: [diffId] },
    history: [{ created, created_by: 'countersign: mmdebstrap root filesystem' }],
  });
  const configDigest = createHash('sha256').update(config).digest('hex');
  const archive = join(work, 'image-archive');
  await rm(archive, { recursive: true, force: true });
  await mkdir(archive);
  await link(rootfsTar, join(archive, 'layer.tar'));
  await writeFile(join(archive, `${configDigest}.json`), config);
  await writeFile(
    join(archive, 'manifest.json'),
    JSON.stringify([{ Config: `${configDigest}.json`, RepoTags: [tag], Layers: ['layer.tar'] }]),
  );
  const tar = spawn('tar', ['-C', archive, '-cf', '-', '.']);
  const tarred = new Promise<void>((resolve, reject) =>
    tar.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`tar exited ${code}`)))),
  );
  await Promise.all([docker(['load', '--quiet'], { input: tar.stdout }), tarred]);
  return `sha256:${configDigest}`;
}
