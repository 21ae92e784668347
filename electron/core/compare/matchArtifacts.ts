import {
  type ArtifactComparison,
  type ArtifactCopy,
  type ArtifactStatus,
} from '../../../shared/compare';

/** What an artifact is matched on: a package's identity, else its file name. */
export function identityKey(copy: ArtifactCopy): string {
  if (copy.deb) return `deb:${copy.deb.package}_${copy.deb.version}_${copy.deb.architecture}`;
  return `file:${copy.path.slice(copy.path.lastIndexOf('/') + 1)}`;
}

function displayName(copy: ArtifactCopy): string {
  return copy.path.slice(copy.path.lastIndexOf('/') + 1);
}

/**
 * Gives every copy of one side a key; two copies with the same identity (the
 * same file name in two folders of an archive) fall back to their full paths
 * so neither hides the other.
 */
function keyed(copies: readonly ArtifactCopy[]): Map<string, ArtifactCopy> {
  const counts = new Map<string, number>();
  for (const copy of copies)
    counts.set(identityKey(copy), (counts.get(identityKey(copy)) ?? 0) + 1);
  const map = new Map<string, ArtifactCopy>();
  for (const copy of copies) {
    const key = identityKey(copy);
    map.set((counts.get(key) ?? 0) > 1 ? `${key}@${copy.path}` : key, copy);
  }
  return map;
}

const STATUS_ORDER: Record<ArtifactStatus, number> = {
  differs: 0,
  'only-ci': 1,
  'only-local': 2,
  identical: 3,
};

/**
 * Pairs CI's copies with the local ones by identity and says, for each, whether
 * the bytes are the same. Rows needing attention come first, then by name.
 */
export function matchArtifacts(
  ci: readonly ArtifactCopy[],
  local: readonly ArtifactCopy[],
): ArtifactComparison[] {
  const ciByKey = keyed(ci);
  const localByKey = keyed(local);
  const rows: ArtifactComparison[] = [];
  for (const [key, ciCopy] of ciByKey) {
    const localCopy = localByKey.get(key) ?? null;
    const status: ArtifactStatus = !localCopy
      ? 'only-ci'
      : localCopy.sha256 === ciCopy.sha256 && localCopy.size === ciCopy.size
        ? 'identical'
        : 'differs';
    rows.push({ key, name: displayName(ciCopy), status, ci: ciCopy, local: localCopy });
  }
  for (const [key, localCopy] of localByKey) {
    if (ciByKey.has(key)) continue;
    rows.push({
      key,
      name: displayName(localCopy),
      status: 'only-local',
      ci: null,
      local: localCopy,
    });
  }
  return rows.sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      a.name.localeCompare(b.name) ||
      a.key.localeCompare(b.key),
  );
}
