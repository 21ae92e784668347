import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DebIdentity } from '../../../shared/compare';
import { toAppError } from '../../../shared/errors';
import type { RebuilderPolicy } from '../../../shared/rebuilders';
import { debFileName } from '../approve/index';
import { appendAuditEntry } from '../audit/auditLog';
import { writeFileAtomic } from '../lib/fs/atomicWrite';
import { metablockText } from '../lib/intoto/index';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import type { UnlockedReleaseKey } from '../lib/openpgp/unlockReleaseKey';
import { checkRebuildLink } from './checkRebuildLink';
import { buildRebuildLayout, layoutRebuilders, signRebuildLayout } from './rebuildLayout';
import { APT_IN_TOTO_FOLDER, linkPathInTree, publishedTree, reviewTree } from './rebuilderTree';

/** apt-prod's layout for apt-transport-in-toto, and the key it is signed with. */
export const APT_LAYOUT_FILE = 'root.layout';
export const APT_LAYOUT_KEY_FILE = 'release-key.asc';

export interface PublishRebuilderTreeOptions {
  root: string;
  reviewDir: string;
  projectName: string;
  tag: string;
  /** The project's rebuilders; without them nothing is published. */
  policy: RebuilderPolicy | undefined;
  /** What the promotion published, with the bytes apt-prod serves. */
  promoted: (DebIdentity & { sha256: string })[];
  unlocked: UnlockedReleaseKey;
  date: Date;
  report: JobReporter;
}

/**
 * Publishes, in apt-prod's `in-toto/`, what apt-transport-in-toto needs:
 * the layout signed by the release key (the pinned rebuilders, their
 * threshold, an expiry `layoutDays` from now: re-signed at every promotion),
 * the release key's public half, and for every rebuilder apt-prod hosts
 * (those without a URL of their own) its link for each promoted package,
 * at `rebuilders/<keyid8>/sources/<package>/<version>/metadata`. Links of
 * earlier releases stay: apt-prod still serves their packages. A link that
 * does not vouch for exactly the promoted bytes is not published, and the
 * job log says so. Returns the paths written, relative to apt-prod.
 */
export async function publishRebuilderTree(
  options: PublishRebuilderTreeOptions,
): Promise<string[]> {
  const { policy, report, date, root } = options;
  if (!policy) return [];
  try {
    const rebuilders = await layoutRebuilders(policy.rebuilders);
    const layout = buildRebuildLayout({
      projectName: options.projectName,
      rebuilders,
      threshold: policy.threshold,
      expires: new Date(date.getTime() + policy.layoutDays * 86_400_000),
      releaseKeyFingerprint: options.unlocked.info.fingerprint,
    });
    const signed = await signRebuildLayout(
      layout,
      options.unlocked.key,
      options.unlocked.info.signingKey.fingerprint,
      date,
    );
    const written: string[] = [];
    const write = async (relative: string[], text: string) => {
      const file = join(root, ...relative);
      await mkdir(dirname(file), { recursive: true });
      await writeFileAtomic(file, text);
      written.push(relative.join('/'));
    };
    const published: { rebuilder: string; product: string; path: string }[] = [];
    const missing: { rebuilder: string; product: string; reason: string }[] = [];
    for (const { rebuilder, key } of rebuilders) {
      if (rebuilder.url) continue;
      const tree = publishedTree('', rebuilder.fingerprint).split('/').filter(Boolean);
      for (const deb of options.promoted) {
        const product = debFileName(deb);
        const path = linkPathInTree(deb);
        const text = await readFile(
          join(reviewTree(options.reviewDir, rebuilder.fingerprint), ...path),
          'utf8',
        ).catch(() => null);
        const check = text === null ? null : checkRebuildLink(text, product, [key], date);
        const reason =
          check === null
            ? 'no link from this rebuilder'
            : !check.ok
              ? check.reason
              : check.sha256 !== deb.sha256
                ? 'its link vouches for other bytes'
                : null;
        if (reason || text === null) {
          missing.push({ rebuilder: rebuilder.name, product, reason: reason ?? '' });
          report.log(`Rebuild link of ${product} by ${rebuilder.name} not published: ${reason}`);
          continue;
        }
        await write([...tree, ...path], text);
        published.push({ rebuilder: rebuilder.fingerprint, product, path: path.join('/') });
      }
    }
    await write([APT_IN_TOTO_FOLDER, APT_LAYOUT_FILE], metablockText(signed));
    await write([APT_IN_TOTO_FOLDER, APT_LAYOUT_KEY_FILE], options.unlocked.key.toPublic().armor());
    await appendAuditEntry(options.reviewDir, 'rebuild-links-published', {
      tag: options.tag,
      threshold: policy.threshold,
      expires: layout.expires,
      published,
      notPublished: missing,
    });
    return written;
  } catch (error) {
    report.log(`The rebuilders' links were not published: ${toAppError(error).message}`);
    return [];
  }
}
