import { join } from 'node:path';
import type { BundleManifest, OpenedBundleView } from '../../../shared/reviewBundle';
import type { ReviewPolicy } from '../../../shared/reviewers';
import { loadReviewPolicy } from '../lib/reviewers/index';
import type { LoadedProject } from '../lib/project/projectStore';
import { OPENED_MANIFEST } from './bundleLayout';
import type { OpenedBundle } from './openBundle';

/**
 * The project an opened review bundle stands in for: the exporting
 * project's identity (decisions are signed over its id), no source, no
 * trusted signers, and one release whose review folder is the bundle's.
 * Whoever made the bundle pinned its reviewers; here every signature is
 * shown for what it is and the release manager's import decides what counts.
 */
export async function bundleStandIn(opened: OpenedBundle): Promise<LoadedProject> {
  const { manifest, reviewDir } = opened;
  const file = join(reviewDir, OPENED_MANIFEST);
  const reviewPolicy = policyOf(manifest);
  return {
    file,
    id: manifest.project.id,
    config: {
      id: manifest.project.id,
      name: manifest.project.name,
      source: { repo: reviewDir },
      trustedSigners: [],
      ...(reviewPolicy ? { reviewPolicy } : {}),
    },
    repoPath: reviewDir,
    trustedKeys: [],
    // With the reviewers' keys the window counts approvals as the release manager's gate will.
    ...(reviewPolicy ? { reviewPolicy: await loadReviewPolicy(reviewPolicy, file) } : {}),
    openedBundle: { reviewDir, tag: manifest.tag },
  };
}

/** The exporting project's review policy, when the bundle carries every reviewer's key. */
function policyOf(manifest: BundleManifest): ReviewPolicy | null {
  const policy = manifest.policy;
  if (!policy || policy.reviewers.some((one) => !one.publicKey)) return null;
  return {
    reviewers: policy.reviewers.map((one) => ({
      name: one.name,
      fingerprint: one.fingerprint,
      revoked: one.revoked,
      publicKey: one.publicKey ?? '',
    })),
    threshold: policy.threshold,
    identicalThreshold: policy.identicalThreshold,
  };
}

/** The opened bundle as the window shows it. */
export function openedBundleView(bundleFile: string, opened: OpenedBundle): OpenedBundleView {
  const { manifest } = opened;
  return {
    bundleFile,
    reviewDir: opened.reviewDir,
    manifestSha256: opened.manifestSha256,
    alreadyOpen: opened.alreadyOpen,
    project: manifest.project,
    tag: manifest.tag,
    policy: manifest.policy,
    artifacts: manifest.artifacts.length,
  };
}
