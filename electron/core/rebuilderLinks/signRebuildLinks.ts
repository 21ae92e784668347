import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { REBUILD_STEP } from '../../../shared/rebuilders';
import { CountersignError } from '../../../shared/errors';
import { debFileName, type ReviewerSigner } from '../approve/index';
import { appendAuditEntry } from '../audit/auditLog';
import { writeFileAtomic } from '../lib/fs/atomicWrite';
import { buildLink, metablockText } from '../lib/intoto/index';
import { readSavedComparison } from '../lib/reviewFolder/compareStore';
import { linkPathInTree, reviewTree } from './rebuilderTree';

/** One package this rebuilder vouches for, and its link. */
export interface SignedRebuildLink {
  package: string;
  version: string;
  architecture: string;
  /** apt's name for the .deb, the link's one product. */
  product: string;
  sha256: string;
  /** The link, relative to the rebuilder's tree (sources/<package>/<version>/metadata). */
  path: string;
}

export interface RebuildLinksResult {
  /** The rebuilder's primary key fingerprint, upper-case. */
  rebuilder: string;
  /** The tree in the review folder (and `out`, when given). */
  tree: string;
  links: SignedRebuildLink[];
  /** Packages CI built that this rebuild did not reproduce, with why: no link for them. */
  left: { name: string; why: string }[];
}

/**
 * Signs, with this machine's rebuilder key, an in-toto link for the step
 * `rebuild` for each package CI built that this rebuild reproduced bit for
 * bit: no materials, no command, its one product the .deb under the name apt
 * downloads it to, with its SHA-256. The links form the tree
 * apt-transport-in-toto fetches (`sources/<package>/<version>/metadata`),
 * kept in the release's review folder and, with `out`, written there too
 * (to serve at this rebuilder's own URL or hand to the release manager).
 */
export async function signRebuildLinks(options: {
  reviewDir: string;
  tag: string;
  signer: ReviewerSigner;
  out?: string;
}): Promise<RebuildLinksResult> {
  const { reviewDir, tag, signer } = options;
  const comparison = await readSavedComparison(reviewDir);
  if (!comparison) {
    throw new CountersignError(
      'NO_COMPARISON',
      `${tag} has not been compared on this machine, so nothing is known to be reproduced.`,
      'Rebuild the tag and compare it with CI first (countersign rebuild, countersign compare).',
    );
  }
  const links: SignedRebuildLink[] = [];
  const left: RebuildLinksResult['left'] = [];
  const trees = [reviewTree(reviewDir, signer.keyid), ...(options.out ? [options.out] : [])];
  for (const artifact of comparison.artifacts) {
    const deb = artifact.ci?.deb;
    if (!artifact.ci || !deb) continue;
    const product = debFileName(deb);
    if (artifact.status !== 'identical') {
      left.push({
        name: product,
        why:
          artifact.status === 'differs'
            ? 'the rebuild differs from CI’s bytes'
            : 'this rebuild did not produce it',
      });
      continue;
    }
    const path = linkPathInTree(deb);
    const link = buildLink({ name: REBUILD_STEP, products: { [product]: artifact.ci.sha256 } });
    const text = metablockText({ signed: link, signatures: [await signer.sign(link)] });
    for (const tree of trees) {
      const file = join(tree, ...path);
      await mkdir(dirname(file), { recursive: true });
      await writeFileAtomic(file, text);
    }
    links.push({
      package: deb.package,
      version: deb.version,
      architecture: deb.architecture,
      product,
      sha256: artifact.ci.sha256,
      path: path.join('/'),
    });
  }
  if (links.length === 0) {
    throw new CountersignError(
      'INVALID_REQUEST',
      `This rebuild of ${tag} reproduced none of CI’s packages, so there is nothing to vouch for.`,
      left.length > 0 ? `Not reproduced: ${left.map((one) => one.name).join(', ')}.` : undefined,
    );
  }
  await appendAuditEntry(reviewDir, 'rebuild-links-signed', {
    tag,
    rebuilder: signer.keyid.toUpperCase(),
    links: links.map(({ product, sha256, path }) => ({ product, sha256, path })),
    left,
  });
  return { rebuilder: signer.keyid.toUpperCase(), tree: trees[0] ?? '', links, left };
}
