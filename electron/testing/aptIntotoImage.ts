import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from '../core/lib/apt/testing/aptRepositoryFactory';
import { docker } from '../core/rebuild/index';

/**
 * What an apt client that checks in-toto needs, and no more: the `intoto://`
 * method (it pulls in in-toto, python3-securesystemslib and python3-requests),
 * gnupg for the layout keys, and CA certificates.
 */
export const APT_INTOTO_PACKAGES = ['apt-transport-in-toto', 'ca-certificates', 'gnupg'];

/** Suite and mirror, taken as ensureBaseImage takes them; no mirror means mmdebstrap's default. */
export interface AptIntotoImageSpec {
  suite?: string;
  mirror?: string;
}

export interface AptIntotoImage {
  reference: string;
  id: string;
  reused: boolean;
}

// A fixed date for the files mmdebstrap writes; the image ID still changes
// with each bootstrap (docker import stamps it), which a test image may.
const EPOCH = 1_700_000_000;

/** The tag the image is cached under: a hash of everything that shapes it. */
export function aptIntotoImageTag(spec: AptIntotoImageSpec = {}): string {
  const inputs = JSON.stringify({
    v: 1,
    suite: spec.suite ?? 'bookworm',
    mirror: spec.mirror ?? null,
    packages: [...APT_INTOTO_PACKAGES].sort(),
  });
  return `countersign/apt-intoto:${createHash('sha256').update(inputs).digest('hex').slice(0, 16)}`;
}

function imageId(tag: string): Promise<string | null> {
  return docker(['image', 'inspect', '--format', '{{.Id}}', tag]).catch(() => null);
}

const building = new Map<string, Promise<AptIntotoImage>>();

/**
 * Returns the apt-with-in-toto client image, bootstrapping it with mmdebstrap
 * on first use (no registry needed). It is lean (variant apt, no
 * build-essential, unlike the rebuild base image) and has no apt sources and
 * no lists, so apt inside reads only the sources a test gives it.
 */
export function ensureAptIntotoImage(
  spec: AptIntotoImageSpec = {},
  log: (line: string) => void = () => {},
): Promise<AptIntotoImage> {
  const tag = aptIntotoImageTag(spec);
  // One bootstrap per tag per process, however many tests ask at once.
  let pending = building.get(tag);
  if (!pending) {
    pending = bootstrap(tag, spec, log).finally(() => building.delete(tag));
    building.set(tag, pending);
  }
  return pending;
}

async function bootstrap(
  tag: string,
  spec: AptIntotoImageSpec,
  log: (line: string) => void,
): Promise<AptIntotoImage> {
  const existing = await imageId(tag);
  if (existing) return { reference: tag, id: existing, reused: true };

  const suite = spec.suite ?? 'bookworm';
  const work = await mkdtemp(join(tmpdir(), 'cs-apt-intoto-'));
  try {
    const tar = join(work, 'rootfs.tar');
    log(`Bootstrapping Debian ${suite} with ${APT_INTOTO_PACKAGES.join(', ')} as ${tag}`);
    await runTool(
      'mmdebstrap',
      [
        '--variant=apt',
        '--mode=auto',
        `--include=${APT_INTOTO_PACKAGES.join(',')}`,
        '--customize-hook=rm -f "$1/etc/apt/sources.list" "$1/etc/apt/sources.list.d"/*',
        '--customize-hook=rm -rf "$1/var/lib/apt/lists"/* "$1/var/cache/apt"/*.bin',
        suite,
        tar,
        ...(spec.mirror ? [spec.mirror] : []),
      ],
      { env: { SOURCE_DATE_EPOCH: String(EPOCH) } },
    );
    await docker([
      'import',
      '--change',
      'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      '--change',
      'CMD ["/bin/bash"]',
      tar,
      tag,
    ]);
    const id = await imageId(tag);
    if (!id) throw new Error(`docker load did not leave ${tag}`);
    return { reference: tag, id, reused: false };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
