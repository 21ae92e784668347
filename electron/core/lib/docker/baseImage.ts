import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CountersignError } from '../../../../shared/errors';
import type { BaseEnvironment } from '../../../../shared/rebuild';
import { docker, runDocker } from './dockerCli';
import { loadRootfsImage } from './loadRootfsImage';

/** What every bootstrapped image holds besides the recipe's packages: enough to build a Debian package. */
const BUILD_ESSENTIALS = ['build-essential', 'fakeroot', 'dpkg-dev'];

// Without a snapshot date, the bootstrap is still dated deterministically, so
// the same mirror state gives the same tar and so the same image ID.
const DEFAULT_EPOCH = 1_700_000_000;

export interface BaseImage {
  reference: string;
  id: string;
  reused: boolean;
}

/** The image tag a bootstrap spec is cached under: a hash of everything that shapes it. */
export function bootstrapTag(spec: Extract<BaseEnvironment, { kind: 'bootstrap' }>): string {
  const inputs = JSON.stringify({
    v: 2,
    suite: spec.suite,
    mirror: spec.mirror ?? null,
    snapshot: spec.snapshot ?? null,
    packages: [...new Set([...BUILD_ESSENTIALS, ...spec.packages])].sort(),
  });
  return `countersign/base:${createHash('sha256').update(inputs).digest('hex').slice(0, 16)}`;
}

function mmdebstrap(
  args: string[],
  env: NodeJS.ProcessEnv,
  onLine: (line: string) => void,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('mmdebstrap', args, { env: { ...process.env, ...env } });
    const forward = (chunk: Buffer) =>
      chunk.toString('utf8').split('\n').filter(Boolean).forEach(onLine);
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', () =>
      reject(
        new CountersignError(
          'TOOL_MISSING',
          'mmdebstrap is not installed.',
          'apt-get install mmdebstrap',
        ),
      ),
    );
    child.on('close', (code) => resolve(code ?? -1));
  });
}

/**
 * Returns the rebuild's base image: a pinned image as given (pulled if
 * missing), or a Debian suite bootstrapped with mmdebstrap and loaded as a
 * one-layer image whose ID depends only on its bytes, cached by the hash of its inputs.
 */
export async function ensureBaseImage(
  base: BaseEnvironment,
  log: (line: string) => void,
): Promise<BaseImage> {
  if (base.kind === 'image') {
    let id = await runDocker(['image', 'inspect', '--format', '{{.Id}}', base.image]);
    if (id.code !== 0) {
      log(`Pulling ${base.image}`);
      await docker(['pull', base.image], { onLine: log }).catch((error: unknown) => {
        throw new CountersignError(
          'IMAGE_FAILED',
          `The base image ${base.image} cannot be pulled.`,
          String(error),
        );
      });
      id = await runDocker(['image', 'inspect', '--format', '{{.Id}}', base.image]);
    }
    return { reference: base.image, id: id.stdout.trim(), reused: true };
  }
  const tag = bootstrapTag(base);
  const existing = await runDocker(['image', 'inspect', '--format', '{{.Id}}', tag]);
  if (existing.code === 0) return { reference: tag, id: existing.stdout.trim(), reused: true };

  const work = await mkdtemp(join(tmpdir(), 'cs-base-'));
  try {
    const tar = join(work, 'base.tar');
    const epoch = base.snapshot ? Math.floor(Date.parse(base.snapshot) / 1000) : DEFAULT_EPOCH;
    const packages = [...new Set([...BUILD_ESSENTIALS, ...base.packages])].sort();
    log(`Bootstrapping Debian ${base.suite} with mmdebstrap (${packages.join(', ')})`);
    const code = await mmdebstrap(
      [
        '--variant=apt',
        '--mode=auto',
        `--include=${packages.join(',')}`,
        '--customize-hook=chroot "$1" useradd --create-home --uid 1000 builder',
        '--customize-hook=mkdir -p "$1/build"',
        '--customize-hook=rm -rf "$1/var/lib/apt/lists"/* "$1/var/cache/apt"/*.bin',
        base.suite,
        tar,
        ...(base.mirror ? [base.mirror] : []),
      ],
      { SOURCE_DATE_EPOCH: String(epoch) },
      log,
    );
    if (code !== 0) {
      throw new CountersignError(
        'IMAGE_FAILED',
        `The base image for Debian ${base.suite} could not be bootstrapped (mmdebstrap exited ${code}).`,
        'Check that the Debian mirror is reachable and the suite and package names are right; the log has mmdebstrap’s words.',
      );
    }
    log(`Loading the base image as ${tag}`);
    await loadRootfsImage(tar, tag, epoch, work);
    const id = await docker(['image', 'inspect', '--format', '{{.Id}}', tag]);
    return { reference: tag, id, reused: false };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
