import { stat } from 'node:fs/promises';
import { CountersignError } from '../../../shared/errors';
import type { CiInspection, CiSetup } from '../../../shared/projectSetup';
import { resolveSourceLocation, sourceKindOf } from '../compare/index';
import { readAptRepository } from '../lib/apt/readAptRepository';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import { readKeySources } from './readKeySources';

/**
 * CI's source checked at once, as a wizard should: a folder or an archive must
 * be there; an apt repository must have a Release that verifies with the keys
 * given, and the suite, component and architecture must select something.
 * Relative paths are read against `baseDir`.
 */
export async function checkCiSource(
  ci: CiSetup,
  baseDir: string,
  report: JobReporter,
): Promise<CiInspection> {
  const kind = sourceKindOf(ci.source);
  if (kind !== 'apt') {
    const location = resolveSourceLocation(ci.source, baseDir);
    const info = await stat(location).catch(() => null);
    const fits = kind === 'folder' ? info?.isDirectory() : info?.isFile();
    if (!fits) {
      throw new CountersignError(
        'SOURCE_UNREADABLE',
        `CI's ${kind} ${JSON.stringify(ci.source)} ${info ? `is not a ${kind}` : 'does not exist'}.`,
        "Give the folder CI writes its packages to, an archive of it (.zip, .tar, .tar.gz, .tar.xz), or apt: and the root of CI's apt repository.",
      );
    }
    return { kind, location, apt: null };
  }
  const root = resolveSourceLocation(ci.source.slice('apt:'.length), baseDir);
  if (ci.keys.length === 0) {
    throw new CountersignError(
      'INVALID_KEYRING',
      `CI's apt repository ${JSON.stringify(root)} needs the key that signs its Release.`,
      "Add the repository's signing key (a file, or a fingerprint in your GnuPG keyring).",
    );
  }
  const keys = await readKeySources(ci.keys);
  report.phase(`reading and verifying the signed Release of ${root}`);
  const snapshot = await readAptRepository(
    root,
    keys,
    {
      ...(ci.suite ? { suite: ci.suite } : {}),
      ...(ci.component ? { component: ci.component } : {}),
      ...(ci.architecture ? { architecture: ci.architecture } : {}),
    },
    { signal: report.signal, log: (line) => report.log(line) },
  );
  return {
    kind,
    location: root,
    apt: {
      suite: snapshot.suite,
      signedBy: snapshot.signedBy.join(', '),
      packages: snapshot.packages.length,
    },
  };
}
