import { CountersignError } from '../../../shared/errors';
import type { RollbackResult } from '../../../shared/promote';
import { readPublications, rollbackPublication } from '../publish/index';
import { appendAuditEntry } from '../audit/auditLog';
import { publicationSummary } from './planPromotion';

/**
 * Makes apt-prod serve its previous publication again (one rename of the
 * dists link) and records it in the review's audit log.
 */
export async function rollbackRelease(root: string, reviewDir: string): Promise<RollbackResult> {
  const before = await readPublications(root);
  const from = publicationSummary(before.current);
  const to = publicationSummary(before.previous);
  if (!from || !to) {
    throw new CountersignError(
      'NOTHING_TO_ROLL_BACK',
      'apt-prod has no earlier publication to return to.',
      'Only the publication before the current one is kept; promote a new, higher version instead.',
    );
  }
  await rollbackPublication(root);
  await appendAuditEntry(reviewDir, 'rollback', { to: root, from: from.id, restored: to.id });
  return { from, to };
}
