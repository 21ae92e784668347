import * as openpgp from 'openpgp';
import { APPROVE_STEP } from '../../../shared/approvals';
import { CountersignError } from '../../../shared/errors';
import type { PinnedReviewer } from '../../../shared/reviewers';
import {
  buildLayout,
  gpgPublicKey,
  signMetadata,
  type ArtifactRule,
  type GpgPublicKey,
  type Layout,
  type Metablock,
} from '../lib/intoto/index';
import { inTotoSigningKey } from './reviewerSigner';

/** How long a published layout stays valid when the project does not say: a year. */
export const DEFAULT_LAYOUT_DAYS = 365;

/**
 * What an approval may report: only .deb files, each created by the step
 * (no materials). Every other product is refused, so an approval cannot
 * smuggle in a file the layout does not speak of.
 */
export const APPROVE_PRODUCTS: ArtifactRule[] = [
  ['CREATE', '*.deb'],
  ['DISALLOW', '*'],
];

/** A pinned reviewer's key in the form a layout lists it, with their name for people. */
export interface LayoutReviewer {
  name: string;
  fingerprint: string;
  key: GpgPublicKey;
}

/**
 * The reviewers whose approvals count: the pinned, unrevoked ones, each key
 * read from the project and checked against its pin. A revoked reviewer is
 * not in the layout at all, so in-toto never counts their links.
 */
export async function layoutReviewers(reviewers: PinnedReviewer[]): Promise<LayoutReviewer[]> {
  const counted: LayoutReviewer[] = [];
  for (const reviewer of reviewers) {
    if (reviewer.revoked) continue;
    const key = await openpgp.readKey({ armoredKey: reviewer.publicKey });
    if (key.getFingerprint().toUpperCase() !== reviewer.fingerprint) {
      throw new CountersignError(
        'INVALID_PROJECT',
        `The key stored for reviewer ${reviewer.name} is not the pinned ${reviewer.fingerprint}.`,
        'Import the reviewer again from their own key.',
      );
    }
    counted.push({
      name: reviewer.name,
      fingerprint: reviewer.fingerprint,
      key: await gpgPublicKey(key),
    });
  }
  return counted;
}

export interface ApprovalLayoutOptions {
  projectName: string;
  tag: string;
  reviewers: LayoutReviewer[];
  /** Distinct reviewers who must approve the same bytes (the policy's k). */
  threshold: number;
  expires: Date;
  releaseKeyFingerprint: string;
}

/**
 * The root layout of a release's approvals: one step, `approve`, with the
 * pinned reviewers' keys and the policy's threshold, whose links may only
 * create .deb files. No inspection: in-toto-verify judges the approvals
 * alone; whoever downloads a package compares its SHA-256 with the links'.
 */
export function buildApprovalLayout(options: ApprovalLayoutOptions): Layout {
  if (options.threshold > options.reviewers.length) {
    throw new CountersignError(
      'INVALID_PROJECT',
      `The review policy asks for ${options.threshold} approvals but only ${options.reviewers.length} pinned reviewers are not revoked.`,
      'Pin another reviewer or lower the threshold in project.json.',
    );
  }
  const names = options.reviewers.map(({ name, fingerprint }) => `${name} (${fingerprint})`);
  return buildLayout({
    expires: options.expires,
    readme:
      `Approvals of ${options.projectName} release ${options.tag}, published by Countersign. ` +
      `Step "${APPROVE_STEP}": ${options.threshold} of ${options.reviewers.length} reviewers ` +
      `(${names.join(', ')}) must each sign a link listing the same .deb files ` +
      `(name_version_arch.deb) with their SHA-256. Layout signed by the release key ${options.releaseKeyFingerprint}.`,
    steps: [
      {
        name: APPROVE_STEP,
        threshold: options.threshold,
        functionaries: options.reviewers.map(({ key }) => key),
        expectedMaterials: [],
        expectedProducts: APPROVE_PRODUCTS,
      },
    ],
  });
}

/**
 * The layout signed by the release key: by its signing (sub)key when in-toto
 * can see that one, else by its primary key (in-toto lists no subkey of an
 * Ed25519 key or of a key made by openpgp.js). `key` must be unlocked.
 */
export async function signApprovalLayout(
  layout: Layout,
  key: openpgp.PrivateKey,
  preferredSigningKey: string,
  date: Date,
): Promise<Metablock<Layout>> {
  const signingKeyFingerprint = await inTotoSigningKey(key, date, preferredSigningKey);
  return {
    signed: layout,
    signatures: [await signMetadata(layout, key, { date, signingKeyFingerprint })],
  };
}
