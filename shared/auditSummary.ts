import type { AuditEntry } from './audit';
import type { SignatureStatus } from './reviewers';

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;
const short = (hash: unknown) => {
  const value = text(hash);
  return value ? `${value.slice(0, 12)}…` : '?';
};
const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);
/**
 * A fingerprint in groups of four hex digits, as people read it aloud and
 * GnuPG prints it; anything that is not a fingerprint is left as it is.
 */
export function groupedFingerprint(value: string): string {
  const compact = value.replace(/\s+/g, '');
  if (!/^[0-9A-Fa-f]{16,64}$/.test(compact)) return value;
  return (compact.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}
const fingerprint = (value: unknown) => {
  const found = text(value);
  return found ? groupedFingerprint(found) : null;
};
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

type Summarize = (data: Record<string, unknown>) => string;

const signedBy = (data: Record<string, unknown>) => {
  const key = fingerprint(data.signedBy);
  return key ? `, signed by ${key}` : '';
};

const SUMMARIES: Record<string, Summarize> = {
  'tag-verified': (data) =>
    `tag ${text(data.tag) ?? '?'} verified at commit ${short(data.commit)}, signed by ${fingerprint(data.signer) ?? 'an unknown key'}`,
  'review-folder-adopted': (data) =>
    `review folder ${text(data.from) ?? '?'}, kept under the project's name by an earlier version, adopted by the project ${text(data.project) ?? '?'}`,
  'rebuild-started': (data) =>
    `rebuild of ${text(data.tag) ?? '?'} (${short(data.commit)}) started in ${text(data.image) ?? '?'}`,
  'rebuild-finished': (data) =>
    `rebuild of ${text(data.tag) ?? '?'} finished: ${plural(count(data.artifacts), 'artifact')}`,
  compare: (data) =>
    data.identical === true
      ? "CI's artifacts compared: identical to the rebuild"
      : `CI's artifacts compared: ${summaryCounts(data.summary)}`,
  decision: (data) =>
    data.differenceId === null
      ? `approved the whole of ${text(data.name) ?? text(data.artifact) ?? '?'} (identical to the rebuild)${text(data.comment) ? `: ${text(data.comment)}` : ''}`
      : `${text(data.decision) ?? '?'} ${text(data.differenceId) ?? '?'} in ${text(data.name) ?? text(data.artifact) ?? '?'}${text(data.comment) ? `: ${text(data.comment)}` : ''}`,
  'reviewer-key': (data) =>
    `reviewer key ${fingerprint(data.fingerprint) ?? '?'}${text(data.name) ? ` (${text(data.name)})` : ''} recorded, to check the decisions it signs`,
  promotion: (data) =>
    `promoted ${text(data.tag) ?? '?'} to ${text(data.to) ?? '?'} (${plural(count(data.packages), 'package')}), publication ${text(data.publication) ?? '?'}${signedBy(data)}`,
  'signing-refused': (data) =>
    `signing ${text(data.withdraw) ? `the withdrawal of ${text(data.withdraw)}` : `for ${text(data.tag) ?? '?'}`} refused with the release key ${fingerprint(data.signingKey) ?? fingerprint(data.key) ?? '?'}: ${text(data.reason) ?? 'the release key did not unlock'}`,
  'promotion-refused': (data) =>
    `promotion of ${text(data.tag) ?? '?'} to ${text(data.to) ?? '?'} refused: ${
      Array.isArray(data.blockers) ? data.blockers.map(String).join(' ') : '?'
    }`,
  withdrawal: (data) =>
    `withdrew ${text(data.package) ?? '?'} ${Array.isArray(data.versions) ? data.versions.map(String).join(', ') : '?'} from ${text(data.to) ?? '?'}, publication ${text(data.publication) ?? '?'}${signedBy(data)}; reason: ${text(data.reason) ?? 'no reason given'}`,
  rollback: (data) =>
    `rolled ${text(data.to) ?? '?'} back from publication ${text(data.from) ?? '?'} to ${text(data.restored) ?? '?'}`,
  verification: (data) =>
    `QA verified ${text(data.repo) ?? '?'}: ${text(data.status) ?? '?'} (${typeof data.verified === 'number' ? data.verified : 0} verified, ${typeof data.failed === 'number' ? data.failed : 0} failed)`,
  'attestations-exported': (data) =>
    `attestations exported${text(data.outDir) ? ` to ${text(data.outDir)}` : ''}`,
};

const LABELS: Record<string, string> = {
  identical: 'identical',
  differs: 'differ',
  onlyCi: 'only in CI',
  onlyLocal: 'only in the rebuild',
};

function summaryCounts(summary: unknown): string {
  if (!summary || typeof summary !== 'object') return 'differences found';
  const parts = Object.entries(summary as Record<string, unknown>)
    .filter(([, value]) => typeof value === 'number' && value > 0)
    .map(([key, value]) => `${String(value)} ${LABELS[key] ?? key}`);
  return parts.length > 0 ? parts.join(', ') : 'differences found';
}

/**
 * One line saying what an audit entry records, for the CLI's history and the
 * UI's timeline. Entries of kinds it does not know are named, not guessed at.
 * The text comes from the log: a display must still escape it.
 */
export function summarizeAuditEntry(
  entry: Pick<AuditEntry, 'kind' | 'data'>,
  decision?: DecisionSignature,
): string {
  const summarize = SUMMARIES[entry.kind];
  const summary = summarize
    ? summarize(entry.data)
    : `${entry.kind} (${plural(Object.keys(entry.data).length, 'field')})`;
  return entry.kind === 'decision' ? `${summary}${signatureText(entry.data, decision)}` : summary;
}

/** What the engine found of a decision's signature: its status, and the reviewer's name when known. */
export interface DecisionSignature {
  signature: SignatureStatus;
  reviewer: string | null;
}

const SIGNATURE_WORDS: Record<SignatureStatus, string> = {
  valid: 'signature valid',
  invalid: 'signature INVALID',
  unsigned: 'unsigned',
  'unknown-key': 'signed by an unknown key',
  revoked: 'signed by a revoked reviewer',
};

/** " — by NAME (FPR), signature valid", or " — unsigned": who decided, and whether it holds. */
function signatureText(data: Record<string, unknown>, decision?: DecisionSignature): string {
  const signed = data.signed;
  const reviewer =
    signed && typeof signed === 'object'
      ? fingerprint((signed as { reviewer?: unknown }).reviewer)
      : null;
  if (!reviewer) return signed === undefined ? ' — unsigned' : ` — ${SIGNATURE_WORDS.invalid}`;
  const name = decision?.reviewer ? `${decision.reviewer} ` : '';
  const status = decision ? SIGNATURE_WORDS[decision.signature] : 'signature not checked';
  return ` — by ${name}(${reviewer}), ${status}`;
}
