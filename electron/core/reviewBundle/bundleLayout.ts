import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import { countersignHome } from '../lib/project/countersignHome';

/** The bundle's first entry. */
export const MANIFEST_ENTRY = 'manifest.json';

/** The manifest's bytes as opened, kept in the unpacked review folder: decisions are bound to its hash. */
export const OPENED_MANIFEST = 'bundle-manifest.json';

/** The only entries a bundle may hold besides its manifest: what a review folder's engine reads. */
export const BUNDLE_ENTRY_PATH =
  /^(?:compare\.json|reports\/[0-9a-f]{32}\/(?:diffoscope\.json|tree\.json|diffs\.txt)|packages\/[0-9a-f]{64})$/;

export function sha256Of(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Where this machine unpacks the bundles it opens: countersignHome()/bundles/. */
export function bundlesHome(): string {
  return join(countersignHome(), 'bundles');
}

/** What a bundle may cost before it is refused as hostile. */
export interface BundleLimits {
  maxEntries: number;
  /** Bytes of the whole unpacked bundle. */
  maxTotalBytes: number;
  /** Decompressed bytes per compressed byte (a .tar.xz bundle). */
  maxRatio: number;
  /** Bytes of any one entry. */
  maxEntryBytes: number;
  /** Bytes of manifest.json. */
  maxManifestBytes: number;
}

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 16 * 1024 ** 3,
  maxRatio: 200,
  maxEntryBytes: 4 * 1024 ** 3,
  maxManifestBytes: 64 * 1024 ** 2,
};

const HOSTILE_HINT =
  'Do not use this bundle: ask the release manager for a fresh one (countersign review export), sent over a channel you trust.';
const TAMPERED_HINT =
  'The bundle changed after it was exported. Ask the release manager to export it again and send it over a channel you trust.';

/** A bundle shaped to harm the machine that opens it (paths, links, sizes). */
export function hostileBundle(message: string): CountersignError {
  return new CountersignError('BUNDLE_HOSTILE', message, HOSTILE_HINT);
}

/** A bundle whose bytes are not what its manifest says. */
export function tamperedBundle(message: string): CountersignError {
  return new CountersignError('BUNDLE_TAMPERED', message, TAMPERED_HINT);
}
