import { createHash } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import {
  auditEntrySchema,
  GENESIS_HASH,
  type AuditBreakKind,
  type AuditChainState,
  type AuditEntry,
} from '../../../shared/audit';
import { CountersignError } from '../../../shared/errors';

export const AUDIT_FILE = 'audit.jsonl';
const FILE = AUDIT_FILE;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** One complete line of the log, as read: its text, its SHA-256, and its entry if it is one. */
export interface AuditLine {
  text: string;
  sha256: string;
  entry: AuditEntry | null;
}

/** A log as read from disk: its complete lines and the state of their chain. */
export interface AuditLogContents {
  lines: AuditLine[];
  state: AuditChainState;
}

/** Reads a review's audit log and checks every link of its chain. */
export async function checkAuditChain(reviewDir: string): Promise<AuditChainState> {
  return (await inspectAuditLog(reviewDir)).state;
}

/** Reads a review's audit log: every complete line, parsed where it can be, and the chain's state. */
export async function inspectAuditLog(reviewDir: string): Promise<AuditLogContents> {
  const text = await readFile(join(reviewDir, FILE), 'utf8').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  });
  if (text === '') return { lines: [], state: { intact: true, entries: 0, head: GENESIS_HASH } };
  const pieces = text.split('\n');
  // A complete log ends with a newline; anything after the last one is a torn write.
  const torn = pieces.pop() ?? '';
  const lines = pieces.map((line) => ({ text: line, sha256: sha256(line), ...parseLine(line) }));
  const state = chainState(lines, torn);
  return { lines: lines.map(({ text, sha256, entry }) => ({ text, sha256, entry })), state };
}

function parseLine(line: string): { entry: AuditEntry | null; json: boolean } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { entry: null, json: false };
  }
  const parsed = auditEntrySchema.safeParse(value);
  return { entry: parsed.success ? parsed.data : null, json: true };
}

/**
 * Walks the chain and names the first thing wrong with it. Each line must
 * carry its own position as `seq` and the hash of the line before as `prev`;
 * which of the two fails, and how, tells an edit from a removal or a move.
 */
function chainState(lines: (AuditLine & { json: boolean })[], torn: string): AuditChainState {
  let prev = GENESIS_HASH;
  for (const [index, line] of lines.entries()) {
    const at = index + 1;
    const broken = (kind: AuditBreakKind, brokenAtLine: number, reason: string) =>
      ({
        intact: false,
        entries: brokenAtLine - 1,
        brokenAtLine,
        reason,
        kind,
      }) as const;
    const entry = line.entry;
    if (!entry) {
      if (!line.json && index === lines.length - 1 && torn === '') {
        return broken('truncated', at, `line ${at} is cut off: it is not complete JSON`);
      }
      return broken(
        'invalid',
        at,
        line.json ? `line ${at} is not an audit entry` : `line ${at} is not JSON`,
      );
    }
    const linked = entry.prev === prev;
    if (entry.seq !== index) {
      if (linked) {
        // Chained to the line before it, so it sits where it was written: its own bytes changed.
        return broken(
          'edited',
          at,
          `line ${at} was edited: it carries seq ${entry.seq} where seq ${index} belongs`,
        );
      }
      if (entry.seq < index) {
        return broken(
          'reordered',
          at,
          `expected seq ${index} at line ${at}, found ${entry.seq}: the sequence goes backwards (lines moved)`,
        );
      }
      const later = lines.slice(index + 1).some((other) => other.entry?.seq === index);
      if (later) {
        return broken(
          'reordered',
          at,
          `expected seq ${index} at line ${at}, found ${entry.seq}; seq ${index} comes later (lines moved)`,
        );
      }
      const missing =
        entry.seq - index === 1 ? `entry ${index} is` : `entries ${index}–${entry.seq - 1} are`;
      return broken(
        'removed',
        at,
        `expected seq ${index} at line ${at}, found ${entry.seq}: ${missing} missing`,
      );
    }
    if (!linked) {
      if (index === 0) {
        return broken('edited', 1, 'line 1 was edited: its prev is not the genesis hash');
      }
      // Line N's bytes no longer hash to what line N+1 recorded: line N changed
      // (or, when line N+1 is the last, possibly line N+1's prev field).
      return broken(
        'edited',
        index,
        `line ${index} was edited: its SHA-256 is not the prev that line ${at} carries`,
      );
    }
    prev = line.sha256;
  }
  if (torn !== '') {
    return {
      intact: false,
      entries: lines.length,
      brokenAtLine: lines.length + 1,
      reason: `the last line (${lines.length + 1}) was cut off mid-write: it has no newline`,
      kind: 'truncated',
    };
  }
  return { intact: true, entries: lines.length, head: prev };
}

/**
 * Every entry of an intact log; a broken chain is refused, because decisions
 * read from it could have been edited.
 */
export async function readAuditEntries(reviewDir: string): Promise<AuditEntry[]> {
  const { lines, state } = await inspectAuditLog(reviewDir);
  if (!state.intact) throw brokenChain(reviewDir, state);
  return lines.map((line) => line.entry).filter((entry) => entry !== null);
}

/** The refusal for a broken chain, naming the line and how it broke. */
export function brokenChain(
  reviewDir: string,
  chain: Extract<AuditChainState, { intact: false }>,
): CountersignError {
  return new CountersignError(
    'AUDIT_LOG_BROKEN',
    `The audit log of this review is broken at line ${chain.brokenAtLine} (${chain.kind}): ${chain.reason}.`,
    `Nothing more is recorded or trusted until someone looks at ${join(reviewDir, FILE)}; keep a copy as evidence, then start a new review folder.`,
  );
}

// One writer at a time per log within this process; the chain needs the true last line.
const queues = new Map<string, Promise<unknown>>();

/**
 * Appends one entry to a review's audit log, chained to the line before it.
 * A broken chain is reported, never repaired: the append is refused.
 */
export function appendAuditEntry(
  reviewDir: string,
  kind: string,
  data: Record<string, unknown>,
): Promise<AuditEntry> {
  const path = join(reviewDir, FILE);
  const previous = queues.get(path) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => appendNow(reviewDir, kind, data));
  queues.set(path, next);
  return next;
}

async function appendNow(
  reviewDir: string,
  kind: string,
  data: Record<string, unknown>,
): Promise<AuditEntry> {
  await mkdir(reviewDir, { recursive: true });
  const chain = await checkAuditChain(reviewDir);
  if (!chain.intact) throw brokenChain(reviewDir, chain);
  const entry: AuditEntry = {
    seq: chain.entries,
    at: new Date().toISOString(),
    actor: userInfo().username,
    kind,
    data,
    prev: chain.head,
  };
  const handle = await open(join(reviewDir, FILE), 'a', 0o644);
  try {
    await handle.write(`${JSON.stringify(entry)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return entry;
}
