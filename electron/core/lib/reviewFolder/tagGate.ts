import type { TagVerdict } from '../../../../shared/tags';
import { appendAuditEntry, readAuditEntries } from '../../audit/auditLog';

/** The tag's standing at the promotion gate. */
export interface TagGate {
  verified: boolean;
  commit: string | null;
  signer: string | null;
  problem: string | null;
}

const TAG_VERIFIED = 'tag-verified';

/**
 * Records in the review's audit log that the tag verified, and what it
 * resolved to: the evidence a promotion without the project at hand (the CLI
 * given only a review folder) relies on.
 */
export async function recordTagVerified(reviewDir: string, verdict: TagVerdict): Promise<void> {
  if (verdict.verdict !== 'verified') return;
  await appendAuditEntry(reviewDir, TAG_VERIFIED, {
    tag: verdict.tagName.replace(/^refs\/tags\//, ''),
    tagObject: verdict.tagObject,
    commit: verdict.commit,
    signer: verdict.signer?.primaryKeyFingerprint ?? null,
    signingKey: verdict.signer?.signingKeyFingerprint ?? null,
    checkedAt: verdict.checkedAt,
  });
}

/**
 * Records a verification made in step 1 once per tag object and signer: the
 * release's history then shows its tag verified (the overview reads it back
 * after a reload) without an entry for every time the window checks again.
 */
export async function recordTagVerifiedOnce(reviewDir: string, verdict: TagVerdict): Promise<void> {
  if (verdict.verdict !== 'verified') return;
  const signer = verdict.signer?.primaryKeyFingerprint ?? null;
  const entries = await readAuditEntries(reviewDir).catch(() => null);
  // A broken log is left as it is: appending would hide where it broke behind a new head.
  if (entries === null) return;
  const known = entries.some(
    (entry) =>
      entry.kind === TAG_VERIFIED &&
      entry.data.tagObject === verdict.tagObject &&
      entry.data.signer === signer,
  );
  if (!known) await recordTagVerified(reviewDir, verdict);
}

function refused(problem: string): TagGate {
  return { verified: false, commit: null, signer: null, problem };
}

/**
 * A tag counts as verified for promotion only if it resolves to the commit
 * that was rebuilt: a tag moved since the rebuild would promote packages of
 * source nobody rebuilt.
 */
function matchingRebuild(gate: TagGate, rebuiltCommit: string | null): TagGate {
  if (!gate.verified) return gate;
  if (rebuiltCommit === null) {
    return { ...gate, verified: false, problem: 'No rebuild of this release is recorded.' };
  }
  if (gate.commit !== rebuiltCommit) {
    return {
      ...gate,
      verified: false,
      problem: `The tag resolves to ${gate.commit ?? 'no commit'}, but the rebuild was made from ${rebuiltCommit}. Rebuild and review the release again.`,
    };
  }
  return gate;
}

/** The gate from a verification made now (the project, its repository and trust list at hand). */
export function liveTagGate(verdict: TagVerdict, rebuiltCommit: string | null): TagGate {
  if (verdict.verdict !== 'verified') {
    const reasons = verdict.problems.map((problem) => problem.message).join(' ');
    return refused(`The tag does not verify now: ${reasons}`);
  }
  return matchingRebuild(
    {
      verified: true,
      commit: verdict.commit,
      signer: verdict.signer?.primaryKeyFingerprint ?? null,
      problem: null,
    },
    rebuiltCommit,
  );
}

/** The gate from the review's audit log: the last verification recorded for this tag. */
export async function recordedTagGate(
  reviewDir: string,
  tag: string,
  rebuiltCommit: string | null,
): Promise<TagGate> {
  const recorded = (await readAuditEntries(reviewDir))
    .filter((entry) => entry.kind === TAG_VERIFIED && entry.data.tag === tag)
    .at(-1);
  if (!recorded) {
    return refused(
      `The review's audit log records no verification of the tag ${tag}. Verify it and rebuild it with Countersign (or pass --project to verify it now).`,
    );
  }
  const { commit, signer } = recorded.data;
  return matchingRebuild(
    {
      verified: true,
      commit: typeof commit === 'string' ? commit : null,
      signer: typeof signer === 'string' ? signer : null,
      problem: null,
    },
    rebuiltCommit,
  );
}
