import { z } from 'zod';
import { tagNameSchema } from './tags';

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

/**
 * How a chain broke: a line's bytes changed (`edited`), lines are missing
 * (`removed`), out of order (`reordered`), the last one cut off mid-write
 * (`truncated`), or a line that is not an audit entry at all (`invalid`).
 */
export type AuditBreakKind = 'edited' | 'removed' | 'reordered' | 'truncated' | 'invalid';

/**
 * The state of a review's chain: intact with n entries, or broken at a line
 * (1-based; `entries` lines before it are trusted), how, and why.
 */
export type AuditChainState =
  | { intact: true; entries: number; head: string }
  | {
      intact: false;
      entries: number;
      brokenAtLine: number;
      reason: string;
      kind: AuditBreakKind;
    };

/**
 * audit-head.json: the last line of the log when it was signed, so that a log
 * cut back or rewritten after signing no longer matches. Signed detached
 * (audit-head.json.asc) over these exact bytes.
 */
export const auditHeadSchema = z.object({
  /** seq of the last entry covered. */
  seq: z.number().int().nonnegative(),
  /** SHA-256 (hex) of that line's bytes, without its newline. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  signedAt: z.string(),
  /** Who signed: the operating-system user, or whatever the caller names. */
  signer: z.string(),
});
export type AuditHead = z.infer<typeof auditHeadSchema>;

export const auditChainStateSchema = z.union([
  z.object({ intact: z.literal(true), entries: z.number(), head: z.string() }),
  z.object({
    intact: z.literal(false),
    entries: z.number(),
    brokenAtLine: z.number(),
    reason: z.string(),
    kind: z.enum(['edited', 'removed', 'reordered', 'truncated', 'invalid']),
  }),
]);

/** A review's history as the Verify step shows it: a timeline, the chain, the signed head. */
export const auditHistorySchema = z.object({
  items: z.array(
    z.object({
      line: z.number().int(),
      seq: z.number().int(),
      at: z.string(),
      actor: z.string(),
      kind: z.string(),
      summary: z.string(),
      trusted: z.boolean(),
    }),
  ),
  chain: auditChainStateSchema,
  /** The head signed at promotion, checked with the release key; null when none was signed. */
  head: z
    .object({
      verified: z.boolean(),
      signedAt: z.string().nullable(),
      signedBy: z.array(z.string()),
      /** Entries appended after the signed head (e.g. QA's verification). */
      appendedAfter: z.number().int().nonnegative(),
      problem: z.string().nullable(),
    })
    .nullable(),
});
export type AuditHistoryView = z.infer<typeof auditHistorySchema>;

export const auditHistoryRequestSchema = z.object({ tag: tagNameSchema });
