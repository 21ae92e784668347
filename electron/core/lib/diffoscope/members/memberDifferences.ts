import type { MemberDifference } from '../../../../../shared/review';
import { onAbort } from '../../archive/archiveErrors';
import { listDebMembers, type DebMember } from './listDebMembers';

/**
 * Whether dpkg would install two different things: other bytes, another type,
 * mode, owner or link target. The mtime is left out on purpose: a build that
 * ignores SOURCE_DATE_EPOCH stamps every member, and listing them all would
 * bury the members whose content changed; diffoscope's file list, in the full
 * report, still shows every timestamp.
 */
export function membersDiffer(ci: DebMember, local: DebMember): boolean {
  return (
    ci.type !== local.type ||
    ci.sha256 !== local.sha256 ||
    ci.size !== local.size ||
    ci.mode !== local.mode ||
    (ci.owner ?? '') !== (local.owner ?? '') ||
    ci.linkTarget !== local.linkTarget
  );
}

/** Code-unit order: the same on every machine, whatever its locale. */
function byId(a: MemberDifference, b: MemberDifference): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The differing and one-sided members of two listings, sorted by id. */
export function compareMemberListings(ci: DebMember[], local: DebMember[]): MemberDifference[] {
  const localById = new Map(local.map((member) => [member.id, member]));
  const differences: MemberDifference[] = [];
  for (const member of ci) {
    const other = localById.get(member.id);
    localById.delete(member.id);
    if (!other) {
      differences.push({
        id: member.id,
        path: member.path,
        status: 'only-ci',
        ciSize: member.size,
        localSize: null,
      });
    } else if (membersDiffer(member, other)) {
      differences.push({
        id: member.id,
        path: member.path,
        status: 'differs',
        ciSize: member.size,
        localSize: other.size,
      });
    }
  }
  for (const member of localById.values()) {
    differences.push({
      id: member.id,
      path: member.path,
      status: 'only-local',
      ciSize: null,
      localSize: member.size,
    });
  }
  return differences.sort(byId);
}

/**
 * The members that differ between CI's package and ours, by our own hashes of
 * every member. diffoscope trusts a package's md5sums and skips the files it
 * says are unchanged, so a file changed without updating md5sums is hidden
 * from its per-file view; here it is listed like any other. Both packages are
 * read at the same time.
 */
export async function memberDifferences(
  ciDeb: string,
  localDeb: string,
  options: { signal?: AbortSignal } = {},
): Promise<MemberDifference[]> {
  // When one side fails, the other is stopped rather than left reading.
  const both = new AbortController();
  const stopListening = onAbort(options.signal, () => both.abort());
  const list = (file: string) =>
    listDebMembers(file, { signal: both.signal }).catch((error: unknown) => {
      both.abort();
      throw error;
    });
  try {
    const [ci, local] = await Promise.all([list(ciDeb), list(localDeb)]);
    return compareMemberListings(ci, local);
  } finally {
    stopListening();
  }
}
