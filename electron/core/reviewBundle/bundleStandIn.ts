import { join } from 'node:path';
import type { OpenedBundleView } from '../../../shared/reviewBundle';
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
export function bundleStandIn(opened: OpenedBundle): LoadedProject {
  const { manifest, reviewDir } = opened;
  return {
    file: join(reviewDir, OPENED_MANIFEST),
    id: manifest.project.id,
    config: {
      id: manifest.project.id,
      name: manifest.project.name,
      source: { repo: reviewDir },
      trustedSigners: [],
    },
    repoPath: reviewDir,
    trustedKeys: [],
    openedBundle: { reviewDir, tag: manifest.tag },
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
