import { createHash } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import {
  auditEntrySchema,
  GENESIS_HASH,
  type AuditChainState,
  type AuditEntry,
} from '../../../shared/audit';
import { CountersignError } from '../../../shared/errors';

const FILE = 'audit.jsonl';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Reads a review's audit log and checks every link of its chain. */
export async function checkAuditChain(reviewDir: string): Promise<AuditChainState> {
  const text = await readFile(join(reviewDir, FILE), 'utf8').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  });
  if (text === '') return { intact: true, entries: 0, head: GENESIS_HASH };
  const lines = text.split('\n');
  // A complete log ends with a newline; anything after the last one is a torn write.
  const torn = lines.pop() !== '';
  let prev = GENESIS_HASH;
  for (const [index, line] of lines.entries()) {
    const broken = (reason: string): AuditChainState => ({
      intact: false,
      entries: index,
      brokenAtLine: index + 1,
      reason,
    });
    let parsed: ReturnType<typeof auditEntrySchema.safeParse>;
    try {
      parsed = auditEntrySchema.safeParse(JSON.parse(line));
    } catch {
      return broken('the line is not JSON');
    }
    if (!parsed.success) return broken('the line is not an audit entry');
    if (parsed.data.seq !== index) return broken(`its sequence number is ${parsed.data.seq}`);
    if (parsed.data.prev !== prev) {
      return broken('it does not carry the hash of the line before it (edited, removed or moved)');
    }
    prev = sha256(line);
  }
  if (torn) {
    return {
      intact: false,
      entries: lines.length,
      brokenAtLine: lines.length + 1,
      reason: 'the last line was cut off mid-write',
    };
  }
  return { intact: true, entries: lines.length, head: prev };
}

/**
 * Every entry of an intact log; a broken chain is refused, because decisions
 * read from it could have been edited.
 */
export async function readAuditEntries(reviewDir: string): Promise<AuditEntry[]> {
  const chain = await checkAuditChain(reviewDir);
  if (!chain.intact) throw brokenChain(reviewDir, chain);
  if (chain.entries === 0) return [];
  const text = await readFile(join(reviewDir, FILE), 'utf8');
  return text
    .trimEnd()
    .split('\n')
    .map((line) => auditEntrySchema.parse(JSON.parse(line)));
}

function brokenChain(
  reviewDir: string,
  chain: Extract<AuditChainState, { intact: false }>,
): CountersignError {
  return new CountersignError(
    'AUDIT_LOG_BROKEN',
    `The audit log of this review is broken at line ${chain.brokenAtLine}: ${chain.reason}.`,
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
