import { basename, join, resolve } from 'node:path';
import type { CompareResult } from '../../../shared/compare';
import type { DiffSides } from '../../../shared/review';

/** The last name of a folder, archive or repository path or URL ("apt-test"), for a label. */
function shortName(location: string): string {
  const bare = location.replace(/^apt:/, '');
  try {
    const url = new URL(bare);
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      return url.pathname.split('/').filter(Boolean).at(-1) ?? url.host;
    }
  } catch {
    // Not a URL: a path.
  }
  return basename(bare.replace(/[/\\]+$/, '')) || bare;
}

/**
 * What the two sides of a diff are, in a reviewer's words: CI's copy (named
 * by where it came from, "CI (apt-test)") is diffoscope's first side, the
 * removed lines; the rebuild's ("Rebuild (this machine)" for the release's
 * own rebuild) the second, the added lines.
 */
export function sideLabels(reviewDir: string, comparison: CompareResult): DiffSides {
  const local = comparison.local.location;
  const ownRebuild = resolve(local) === resolve(join(reviewDir, 'rebuild'));
  return {
    ci: `CI (${shortName(comparison.ci.location)})`,
    local: ownRebuild ? 'Rebuild (this machine)' : `Rebuild (${shortName(local)})`,
  };
}
