import type { ArtifactComparison, CompareResult, DebIdentity } from '../../../shared/compare';

/**
 * The name apt gives a downloaded package, `<name>_<version>_<arch>.deb`,
 * with an epoch's `:` written `%3a` as apt writes it into
 * /var/cache/apt/archives (a `:` is not safe in every file system).
 */
export function debFileName(deb: DebIdentity): string {
  return `${deb.package}_${deb.version.replaceAll(':', '%3a')}_${deb.architecture}.deb`;
}

/** Whether one reviewer's own decisions approve an artifact of the release. */
export type ReviewerApproves = (artifact: ArtifactComparison) => Promise<boolean>;

/** What one reviewer's sign-off covers, and what it leaves out with why. */
export interface ApprovedProducts {
  /** apt's file name → SHA-256 of CI's bytes (what apt-test serves and a promotion publishes). */
  products: Record<string, string>;
  left: { name: string; why: string }[];
}

/**
 * The packages of a release one reviewer vouches for: each .deb CI built
 * that was compared, differing ones only when this reviewer's own decisions
 * accept every difference, identical ones as the policy says (the rebuild
 * vouches for them unless the policy asks reviewers to approve them too).
 * Each is named as apt names it, with the SHA-256 of the bytes a promotion
 * would publish: CI's.
 */
export async function approvedProducts(
  comparison: CompareResult,
  approves: ReviewerApproves,
  options: { identicalNeedsApproval: boolean },
): Promise<ApprovedProducts> {
  const products: Record<string, string> = {};
  const left: ApprovedProducts['left'] = [];
  for (const artifact of comparison.artifacts) {
    const deb = artifact.ci?.deb;
    if (!artifact.ci || !deb) continue;
    const name = debFileName(deb);
    if (artifact.status === 'only-ci') {
      left.push({ name, why: 'not rebuilt, so never compared' });
      continue;
    }
    const needsApproval = artifact.status === 'differs' || options.identicalNeedsApproval;
    if (needsApproval && !(await approves(artifact))) {
      left.push({
        name,
        why:
          artifact.status === 'differs'
            ? 'your decisions do not accept every one of its differences'
            : 'identical, and the policy asks reviewers to approve identical packages too',
      });
      continue;
    }
    products[name] = artifact.ci.sha256;
  }
  return { products, left };
}
