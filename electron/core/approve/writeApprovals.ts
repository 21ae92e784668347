import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as openpgp from 'openpgp';
import { APPROVE_STEP } from '../../../shared/approvals';
import type { DebIdentity } from '../../../shared/compare';
import type { ReviewPolicy } from '../../../shared/reviewers';
import { linkFileName, metablockText } from '../lib/intoto/index';
import { debFileName } from './approvalProducts';
import {
  buildApprovalLayout,
  DEFAULT_LAYOUT_DAYS,
  layoutReviewers,
  signApprovalLayout,
} from './approvalLayout';
import { selectApprovals, type SetAsideApproval } from './selectApprovals';

/** The subfolder of `attestations/<tag>/` the in-toto approvals are published in. */
export const IN_TOTO_FOLDER = 'in-toto';
/** The layout's file name, as in-toto's documentation and tools call a root layout. */
export const LAYOUT_FILE = 'root.layout';
/** The release key's public half, armored, for `gpg --import` before `in-toto-verify --gpg`. */
export const RELEASE_KEY_FILE = 'release-key.asc';

export interface WriteApprovalsOptions {
  reviewDir: string;
  outDir: string;
  projectName: string;
  tag: string;
  policy: ReviewPolicy;
  /** Days from `date` until the layout expires; 365 by default. */
  layoutDays?: number;
  /** What the promotion published: each package and the bytes apt-prod serves. */
  promoted: (DebIdentity & { sha256: string })[];
  /** The release key, unlocked, and the (sub)key it signs apt-prod with. */
  releaseKey: { key: openpgp.PrivateKey; fingerprint: string; signingKey: string };
  date: Date;
}

export interface WrittenApprovals {
  /** Each file written, relative to outDir, with its SHA-256. */
  files: { file: string; sha256: string }[];
  /** The approvals published, by reviewer (upper-case fingerprint). */
  published: { reviewer: string; file: string }[];
  /** The approvals left out, with why. */
  setAside: SetAsideApproval[];
  threshold: number;
}

/**
 * Writes a release's approvals for Debian's in-toto into `outDir`:
 * `root.layout` (step `approve`, the policy's threshold, the pinned
 * unrevoked reviewers' keys, signed by the release key), each counted
 * reviewer's approval link under in-toto's own file name, and the release
 * key's public half. Links that do not cover exactly the promoted packages
 * are left out, each with its reason.
 */
export async function writeApprovals(options: WriteApprovalsOptions): Promise<WrittenApprovals> {
  const { date } = options;
  const days = options.layoutDays ?? DEFAULT_LAYOUT_DAYS;
  const layout = buildApprovalLayout({
    projectName: options.projectName,
    tag: options.tag,
    reviewers: await layoutReviewers(options.policy.reviewers),
    threshold: options.policy.threshold,
    expires: new Date(date.getTime() + days * 86_400_000),
    releaseKeyFingerprint: options.releaseKey.fingerprint,
  });
  const signedLayout = await signApprovalLayout(
    layout,
    options.releaseKey.key,
    options.releaseKey.signingKey,
    date,
  );
  const promoted = Object.fromEntries(
    options.promoted.map((deb) => [debFileName(deb), deb.sha256]),
  );
  const { selected, setAside } = await selectApprovals(options.reviewDir, layout, promoted, date);

  await mkdir(options.outDir, { recursive: true });
  const files: WrittenApprovals['files'] = [];
  const write = async (file: string, text: string) => {
    await writeFile(join(options.outDir, file), text);
    files.push({ file, sha256: createHash('sha256').update(text).digest('hex') });
  };
  await write(LAYOUT_FILE, metablockText(signedLayout));
  const published: WrittenApprovals['published'] = [];
  for (const approval of selected) {
    const keyid = approval.metablock.signatures[0]?.keyid ?? approval.reviewer;
    const file = linkFileName(APPROVE_STEP, keyid);
    await write(file, metablockText(approval.metablock));
    published.push({ reviewer: approval.reviewer.toUpperCase(), file });
  }
  await write(RELEASE_KEY_FILE, options.releaseKey.key.toPublic().armor());
  return { files, published, setAside, threshold: options.policy.threshold };
}
