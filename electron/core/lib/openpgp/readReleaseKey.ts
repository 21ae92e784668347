import * as openpgp from 'openpgp';
import { CountersignError } from '../../../../shared/errors';
import { MAX_RELEASE_KEY_LENGTH, type ReleaseKeyInfo } from '../../../../shared/signing';
import { algorithmName, expiryOf, fingerprintOf, primaryUserId } from './keyFacts';
import { chooseSigningKey } from './chooseSigningKey';
import { aptCannotVerify } from './keyStrength';
import { protectionOf } from './keyProtection';
import type { KeyRole, ReadReleaseKeyOptions, ReleaseKey } from './releaseKey';

const exportHint = (role: KeyRole) =>
  `Export it with: gpg --armor --export-secret-keys FINGERPRINT > ${role.replace(' ', '-')}.asc`;

/**
 * Reads exactly one armored OpenPGP private key. Refuses anything else with
 * INVALID_KEY, and a public key with NOT_A_PRIVATE_KEY.
 */
export async function parseReleaseKey(
  armored: string,
  role: KeyRole = 'release key',
): Promise<openpgp.PrivateKey> {
  const EXPORT_HINT = exportHint(role);
  if (armored.length > MAX_RELEASE_KEY_LENGTH) {
    throw new CountersignError(
      'INVALID_KEY',
      `The ${role} file is larger than 1 MiB, far larger than any OpenPGP key.`,
      EXPORT_HINT,
    );
  }
  // openpgp.js reads only the first armor block and would silently drop the rest.
  const blocks = armored.match(/^-----BEGIN PGP (PUBLIC|PRIVATE) KEY BLOCK-----/gm) ?? [];
  if (blocks.length !== 1) {
    throw new CountersignError(
      'INVALID_KEY',
      blocks.length === 0
        ? 'The text given is not an armored OpenPGP key.'
        : `The text given holds ${blocks.length} keys; the ${role} must be given alone.`,
      EXPORT_HINT,
    );
  }
  let keys: openpgp.Key[];
  try {
    keys = await openpgp.readKeys({ armoredKeys: armored });
  } catch (error) {
    throw new CountersignError(
      'INVALID_KEY',
      `The ${role} cannot be read as an OpenPGP key.`,
      `${EXPORT_HINT}. Reader said: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const [key] = keys;
  if (!key || keys.length !== 1) {
    throw new CountersignError(
      'INVALID_KEY',
      `The key block holds ${keys.length} keys; the ${role} must be given alone.`,
      EXPORT_HINT,
    );
  }
  if (!key.isPrivate()) {
    const fpr = fingerprintOf(key);
    throw new CountersignError(
      'NOT_A_PRIVATE_KEY',
      `This is only the public part of the key ${fpr}; signing needs its secret key.`,
      `Export the secret key, still protected by its passphrase: gpg --armor --export-secret-keys ${fpr} > ${role.replace(' ', '-')}.asc`,
    );
  }
  return key;
}

/**
 * Checks that a parsed private key may sign releases at `options.date`
 * (KEY_REVOKED, KEY_EXPIRED, WEAK_KEY, KEY_CANNOT_SIGN) and is protected by a
 * passphrase (KEY_UNPROTECTED), and describes it. Validity is judged first:
 * a revoked key is worth refusing whatever its protection.
 */
export async function checkReleaseKey(
  key: openpgp.PrivateKey,
  armored: string,
  options: ReadReleaseKeyOptions = {},
): Promise<ReleaseKey> {
  const role = options.role ?? 'release key';
  const signingKey = await chooseSigningKey(key, options.date ?? new Date(), role);
  const fpr = fingerprintOf(key);
  // A reviewer's key signs decisions, which apt never reads: its own rules are the reviewers'.
  const unverifiable = role === 'release key' ? aptCannotVerify(signingKey) : null;
  if (unverifiable) {
    throw new CountersignError(
      'KEY_NOT_APT_COMPATIBLE',
      `apt could not verify what the ${role} ${fpr} signs: ${unverifiable}.`,
      'Make the release key with GnuPG (gpg --quick-gen-key "Release <release@example.org>" ed25519 cert 0, then gpg --quick-add-key FINGERPRINT ed25519 sign 2y), or use RSA 3072 or more.',
    );
  }
  const protection = protectionOf(key);
  if (protection === 'mixed') {
    throw new CountersignError(
      'KEY_UNPROTECTED',
      `Part of the ${role} ${fpr} is protected by a passphrase and part is not.`,
      `Set one passphrase for the whole key (gpg --passwd ${fpr}), export it again (gpg --armor --export-secret-keys ${fpr}) and import it.`,
    );
  }
  if (protection === 'unprotected' && !options.allowUnprotected) {
    throw new CountersignError(
      'KEY_UNPROTECTED',
      `The ${role} ${fpr} is not protected by a passphrase: anyone who copies the file can sign ${role === 'release key' ? 'releases' : 'in your name'}.`,
      `Set a passphrase (gpg --passwd ${fpr}), export it again (gpg --armor --export-secret-keys ${fpr}) and import it; or, knowingly, allow an unprotected key.`,
    );
  }
  const first = await primaryUserId(key);
  const signingExpiry = await expiryOf(signingKey);
  const expiry = await expiryOf(key);
  const info: ReleaseKeyInfo = {
    fingerprint: fpr,
    userIds: [first, ...key.getUserIDs().filter((id) => id !== first)].filter(Boolean),
    created: key.getCreationTime().toISOString(),
    expires: expiry ? expiry.toISOString() : null,
    protected: protection === 'protected',
    signingKey: {
      fingerprint: fingerprintOf(signingKey),
      keyId: signingKey.getKeyID().toHex().toUpperCase(),
      algorithm: algorithmName(signingKey),
      created: signingKey.getCreationTime().toISOString(),
      expires: signingExpiry ? signingExpiry.toISOString() : null,
      isSubkey: signingKey !== key,
    },
  };
  return { key, info, armored, ...(options.role ? { role: options.role } : {}) };
}

/**
 * Reads a release key as a release manager exports it from GnuPG, and
 * refuses, each with its own code, anything unfit to sign an archive with.
 */
export async function readReleaseKey(
  armored: string,
  options: ReadReleaseKeyOptions = {},
): Promise<ReleaseKey> {
  return checkReleaseKey(await parseReleaseKey(armored, options.role), armored, options);
}
