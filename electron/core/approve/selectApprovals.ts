import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { APPROVE_STEP } from '../../../shared/approvals';
import {
  canonicalJson,
  readLinkMetablock,
  verifyMetablockSignature,
  type Layout,
  type Link,
  type Metablock,
} from '../lib/intoto/index';
import { APPROVALS_FOLDER } from './signOff';

/** An approval that will be published: its metablock and whose it is. */
export interface SelectedApproval {
  /** Its file in the review folder's approvals/. */
  file: string;
  /** The reviewer's primary keyid (lower-case). */
  reviewer: string;
  metablock: Metablock<Link>;
}

/** An approval left out, and why, for the plan's and the audit log's reader. */
export interface SetAsideApproval {
  file: string;
  reviewer: string | null;
  reason: string;
}

export interface ApprovalSelection {
  selected: SelectedApproval[];
  setAside: SetAsideApproval[];
}

/**
 * The approvals to publish with a promotion: the links in the review
 * folder's approvals/ that are for the step `approve`, validly signed by a
 * reviewer the layout names, and whose products are exactly the promoted
 * packages with the promoted bytes (nothing fewer, nothing more, no
 * materials). One per reviewer. A link that lists other bytes would make
 * in-toto-verify fail the whole step, so it is left out and the reason kept.
 */
export async function selectApprovals(
  reviewDir: string,
  layout: Layout,
  promoted: Record<string, string>,
  now: Date,
): Promise<ApprovalSelection> {
  const step = layout.steps.find((candidate) => candidate.name === APPROVE_STEP);
  if (!step) throw new Error(`the layout has no step "${APPROVE_STEP}"`);
  const folder = join(reviewDir, APPROVALS_FOLDER);
  const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const expected = canonicalJson(
    Object.fromEntries(Object.entries(promoted).map(([name, sha256]) => [name, { sha256 }])),
  );
  const selected: SelectedApproval[] = [];
  const setAside: SetAsideApproval[] = [];
  for (const name of names.filter((n) => n.endsWith('.link')).sort()) {
    const file = `${APPROVALS_FOLDER}/${name}`;
    const read = readLinkMetablock(await readFile(join(folder, name), 'utf8'));
    if (!read.ok) {
      setAside.push({ file, reviewer: null, reason: `not an in-toto link: ${read.reason}` });
      continue;
    }
    const link = read.metablock;
    const functionary = step.pubkeys
      .map((keyid) => layout.keys[keyid])
      .find((key) =>
        link.signatures.some((s) => s.keyid === key?.keyid || key?.subkeys?.[s.keyid]),
      );
    if (!functionary) {
      const signers = link.signatures.map((s) => s.keyid.toUpperCase()).join(', ') || 'nobody';
      setAside.push({
        file,
        reviewer: null,
        reason: `signed by ${signers}, not a pinned, unrevoked reviewer`,
      });
      continue;
    }
    const reviewer = functionary.keyid;
    const verdict = verifyMetablockSignature(link, functionary, now);
    if (!verdict.valid) {
      setAside.push({ file, reviewer, reason: verdict.reason });
      continue;
    }
    if (link.signed.name !== APPROVE_STEP) {
      setAside.push({
        file,
        reviewer,
        reason: `a link for "${link.signed.name}", not "${APPROVE_STEP}"`,
      });
      continue;
    }
    if (Object.keys(link.signed.materials).length > 0) {
      setAside.push({ file, reviewer, reason: 'it lists materials; an approval has none' });
      continue;
    }
    if (canonicalJson(link.signed.products) !== expected) {
      setAside.push({ file, reviewer, reason: productsDiffer(link.signed.products, promoted) });
      continue;
    }
    if (selected.some((approval) => approval.reviewer === reviewer)) {
      setAside.push({
        file,
        reviewer,
        reason: 'another approval by the same reviewer is published',
      });
      continue;
    }
    selected.push({ file, reviewer, metablock: link });
  }
  return { selected, setAside };
}

/** Says how an approval's products differ from what was promoted, for people. */
function productsDiffer(products: Link['products'], promoted: Record<string, string>): string {
  const missing = Object.keys(promoted).filter((name) => !products[name]);
  const extra = Object.keys(products).filter((name) => !promoted[name]);
  const other = Object.keys(promoted).filter(
    (name) => products[name] && products[name].sha256 !== promoted[name],
  );
  const parts = [
    other.length ? `other bytes for ${other.join(', ')}` : '',
    missing.length ? `it does not approve ${missing.join(', ')}` : '',
    extra.length ? `it approves ${extra.join(', ')}, which this promotion did not publish` : '',
  ].filter(Boolean);
  return `its products are not the promoted packages: ${parts.join('; ')}`;
}
