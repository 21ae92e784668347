/**
 * Step 5's release key and signatures: what the promotion and the transports
 * call. Each concept lives in its own file; this is the folder's front door.
 */
export type { ReadReleaseKeyOptions, ReleaseKey } from './releaseKey';
export { checkReleaseKey, parseReleaseKey, readReleaseKey } from './readReleaseKey';
export { unlockReleaseKey, withUnlockedKey, type UnlockedReleaseKey } from './unlockReleaseKey';
export { signRelease, type SignedRelease } from './signRelease';
export { signDetached } from './signDetached';
export { sha256SumsText, signSha256Sums, type SummedFile } from './sha256Sums';
export { loadReleaseKey, RELEASE_KEY_FILE, storeReleaseKey } from './releaseKeyStore';
