import * as openpgp from 'openpgp';
import { CountersignError } from '../../../shared/errors';
import { REBUILD_STEP, type PinnedRebuilder } from '../../../shared/rebuilders';
import { signApprovalLayout } from '../approve/index';
import {
  buildLayout,
  gpgPublicKey,
  type ArtifactRule,
  type GpgPublicKey,
  type Layout,
  type Metablock,
} from '../lib/intoto/index';

/** The inspection apt-transport-in-toto runs on the .deb it downloaded. */
export const MATCH_INSPECTION = 'match-rebuilds';

/** A rebuild may only create .deb files: the one package it vouches for. */
export const REBUILD_PRODUCTS: ArtifactRule[] = [
  ['CREATE', '*.deb'],
  ['DISALLOW', '*.deb'],
];

/** The downloaded .deb must be, byte for byte, what the rebuilders produced. */
export const MATCH_MATERIALS: ArtifactRule[] = [
  ['MATCH', '*.deb', 'WITH', 'PRODUCTS', 'FROM', REBUILD_STEP],
  ['DISALLOW', '*.deb'],
];

/** A pinned rebuilder's key in the form a layout lists it. */
export interface LayoutRebuilder {
  rebuilder: PinnedRebuilder;
  key: GpgPublicKey;
}

/** The rebuilders the layout names: pinned and not revoked, each key checked against its pin. */
export async function layoutRebuilders(rebuilders: PinnedRebuilder[]): Promise<LayoutRebuilder[]> {
  const counted: LayoutRebuilder[] = [];
  for (const rebuilder of rebuilders) {
    if (rebuilder.revoked) continue;
    const key = await openpgp.readKey({ armoredKey: rebuilder.publicKey });
    if (key.getFingerprint().toUpperCase() !== rebuilder.fingerprint) {
      throw new CountersignError(
        'INVALID_PROJECT',
        `The key stored for rebuilder ${rebuilder.name} is not the pinned ${rebuilder.fingerprint}.`,
        'Pin the rebuilder again from its own public key.',
      );
    }
    counted.push({ rebuilder, key: await gpgPublicKey(key) });
  }
  return counted;
}

/**
 * The layout apt-transport-in-toto verifies every downloaded package
 * against: a step `rebuild` whose links (by the pinned rebuilders, `threshold`
 * of them agreeing) may only create .deb files, and an inspection that
 * matches the downloaded .deb with the rebuild's products. Its command is
 * `true`: the inspection's value is the rule, checked on the file apt fetched.
 */
export function buildRebuildLayout(options: {
  projectName: string;
  rebuilders: LayoutRebuilder[];
  threshold: number;
  expires: Date;
  releaseKeyFingerprint: string;
}): Layout {
  const { rebuilders, threshold } = options;
  if (threshold > rebuilders.length) {
    throw new CountersignError(
      'INVALID_PROJECT',
      `project.json asks ${threshold} rebuilders to agree but only ${rebuilders.length} pinned rebuilders are not revoked.`,
      'Pin another rebuilder or lower rebuilders.threshold in project.json.',
    );
  }
  const names = rebuilders.map(({ rebuilder }) => `${rebuilder.name} (${rebuilder.fingerprint})`);
  return buildLayout({
    expires: options.expires,
    readme:
      `Independent rebuilds of ${options.projectName}'s packages, published by Countersign for ` +
      `apt-transport-in-toto. Step "${REBUILD_STEP}": ${threshold} of ${rebuilders.length} rebuilders ` +
      `(${names.join(', ')}) must each sign a link whose one product is the package's .deb with its ` +
      `SHA-256; the downloaded .deb must match it. Signed by the release key ${options.releaseKeyFingerprint}.`,
    steps: [
      {
        name: REBUILD_STEP,
        threshold,
        functionaries: rebuilders.map(({ key }) => key),
        expectedMaterials: [],
        expectedProducts: REBUILD_PRODUCTS,
      },
    ],
    inspections: [
      {
        name: MATCH_INSPECTION,
        run: ['true'],
        expectedMaterials: MATCH_MATERIALS,
        expectedProducts: [],
      },
    ],
  });
}

/** The layout signed by the (unlocked) release key, as the approvals' layout is. */
export const signRebuildLayout = (
  layout: Layout,
  key: openpgp.PrivateKey,
  preferredSigningKey: string,
  date: Date,
): Promise<Metablock<Layout>> => signApprovalLayout(layout, key, preferredSigningKey, date);
