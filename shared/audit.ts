import { z } from 'zod';

/**
 * One line of a review's audit.jsonl. Lines are only ever appended; each
 * carries the SHA-256 of the previous line's exact bytes, so an edited,
 * removed or reordered line breaks the chain from that point on.
 */
export const auditEntrySchema = z.object({
  seq: z.number().int().nonnegative(),
  at: z.string(),
  /** Who acted: the operating-system user running Countersign. */
  actor: z.string(),
  /** What happened, e.g. "compare". */
  kind: z.string(),
  data: z.record(z.string(), z.unknown()),
  /** SHA-256 (hex) of the previous line without its newline; 64 zeros for the first. */
  prev: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const GENESIS_HASH = '0'.repeat(64);

/** The state of a review's chain: intact with n entries, or broken at a line, and why. */
export type AuditChainState =
  | { intact: true; entries: number; head: string }
  | { intact: false; entries: number; brokenAtLine: number; reason: string };
