import type { RebuiltArtifact } from '../../../shared/rebuild';

export interface ReproducibilityReport {
  reproducible: boolean;
  /** Artifact names whose bytes differ between the two builds, or that only one build made. */
  differing: string[];
  compared: string[];
}

// .buildinfo and .changes record the build's own environment (path, time, hashes
// of the .buildinfo itself), so they differ by design; the packages must not.
const RECORDS_OF_THE_BUILD = /\.(buildinfo|changes)$/;

/** Compares two rebuilds of the same commit, as reprotest does, artifact by artifact. */
export function compareRebuilds(
  reference: RebuiltArtifact[],
  varied: RebuiltArtifact[],
): ReproducibilityReport {
  const byName = (list: RebuiltArtifact[]) =>
    new Map(list.filter((a) => !RECORDS_OF_THE_BUILD.test(a.name)).map((a) => [a.name, a.sha256]));
  const left = byName(reference);
  const right = byName(varied);
  const names = [...new Set([...left.keys(), ...right.keys()])].sort();
  const differing = names.filter((name) => left.get(name) !== right.get(name));
  return { reproducible: differing.length === 0 && names.length > 0, differing, compared: names };
}
