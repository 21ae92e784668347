import type * as openpgp from 'openpgp';
import { CountersignError } from '../../../../shared/errors';
import { canSignData, expiryOf, fingerprintOf, revocationOf } from './keyFacts';
import { isStub } from './keyProtection';
import { ANY_ALGORITHM_CONFIG, RELEASE_SIGNING_CONFIG, weaknessOf } from './keyStrength';
import type { KeyRole } from './releaseKey';

type AnyKey = openpgp.PrivateKey | openpgp.Subkey;

/** "2021-01-01 00:00:00 UTC": exact, and read the same way everywhere. */
export function utcTime(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The key openpgp.js itself would sign with under `config`, among those whose
 * secret is in the file. openpgp.js picks the newest valid signing subkey
 * without looking for its secret, so a stub (a key on a smartcard) would win
 * over a usable older one; the others are then tried by their key IDs.
 */
async function usableSigningKey(
  key: openpgp.PrivateKey,
  date: Date,
  config: openpgp.Config,
): Promise<{ found: AnyKey | null; reason: string }> {
  let chosen: AnyKey;
  try {
    chosen = await key.getSigningKey(undefined, date, undefined, config);
  } catch (error) {
    return { found: null, reason: messageOf(error) };
  }
  if (!isStub(chosen)) return { found: chosen, reason: '' };
  for (const part of key.getKeys()) {
    if (isStub(part)) continue;
    try {
      return {
        found: await key.getSigningKey(part.getKeyID(), date, undefined, config),
        reason: '',
      };
    } catch {
      // not a valid signing key at this date: try the next
    }
  }
  return {
    found: null,
    reason: `the secret part of the signing key ${fingerprintOf(chosen)} is not in the file`,
  };
}

interface PartState {
  part: AnyKey;
  label: string;
  revocation: Awaited<ReturnType<typeof revocationOf>>;
  expiry: Date | null;
}

async function stateOf(part: AnyKey, date: Date, primary: string): Promise<PartState> {
  const fpr = fingerprintOf(part);
  return {
    part,
    label: fpr === primary ? 'its primary key' : `its signing subkey ${fpr}`,
    revocation: await revocationOf(part, date),
    expiry: await expiryOf(part),
  };
}

const isExpired = (state: PartState, date: Date) =>
  state.expiry !== null && state.expiry.getTime() <= date.getTime();

function revokedError(what: string, reasons: string, hint: string): CountersignError {
  return new CountersignError(
    'KEY_REVOKED',
    `${what} revoked (${reasons}), so it must not sign anything again.`,
    hint,
  );
}

function expiredError(what: string, date: Date, fpr: string): CountersignError {
  return new CountersignError(
    'KEY_EXPIRED',
    `${what} (checked as of ${utcTime(date)}).`,
    `If the key is still safe, extend it in GnuPG (gpg --quick-set-expire ${fpr} 2y, and for a subkey: gpg --quick-set-expire ${fpr} 2y SUBKEY-FINGERPRINT), export it again (gpg --armor --export-secret-keys ${fpr}) and import it.`,
  );
}

/**
 * Why no key of `key` may sign at `date`, once openpgp.js has said it cannot:
 * revoked, expired, not yet valid, only stubs, or no key with the signing
 * flag. The whole key is judged before its subkeys, because a revoked or
 * expired primary key voids every subkey.
 */
async function whyCannotSign(
  key: openpgp.PrivateKey,
  date: Date,
  detail: string,
  role: KeyRole,
): Promise<CountersignError> {
  const fpr = fingerprintOf(key);
  const primary = await stateOf(key, date, fpr);
  if (primary.revocation.revoked) {
    return revokedError(
      `The ${role} ${fpr} is`,
      primary.revocation.reason ?? 'no reason given',
      'A revoked key can never be used again. Import the key that replaced it.',
    );
  }
  if (primary.expiry && isExpired(primary, date)) {
    return expiredError(`The ${role} ${fpr} expired on ${utcTime(primary.expiry)}`, date, fpr);
  }
  if (key.getCreationTime().getTime() > date.getTime()) {
    return new CountersignError(
      'KEY_CANNOT_SIGN',
      `The ${role} ${fpr} was created on ${utcTime(key.getCreationTime())}, after the date it was checked for (${utcTime(date)}).`,
      "Check this computer's clock, or the date given for signing.",
    );
  }
  const capable: PartState[] = [];
  for (const part of key.getKeys()) {
    if (await canSignData(part)) capable.push(await stateOf(part, date, fpr));
  }
  const addSubkey = `Add a signing subkey (gpg --quick-add-key ${fpr} ed25519 sign 2y), export the key again (gpg --armor --export-secret-keys ${fpr}) and import it.`;
  if (capable.length === 0) {
    return new CountersignError(
      'KEY_CANNOT_SIGN',
      `The ${role} ${fpr} has no key allowed to make signatures: its primary key and subkeys are only for certifying, encrypting or authenticating.`,
      addSubkey,
    );
  }
  const live = capable.filter((state) => !state.revocation.revoked && !isExpired(state, date));
  if (live.length === 0) {
    const expired = capable.filter((state) => !state.revocation.revoked);
    const revoked = capable.filter((state) => state.revocation.revoked);
    const revokedText = revoked
      .map((state) => `${state.label}: ${state.revocation.reason ?? 'no reason given'}`)
      .join('; ');
    if (expired.length === 0) {
      return revokedError(`Every signing key of the ${role} ${fpr} is`, revokedText, addSubkey);
    }
    const expiredText = expired
      .map((state) => `${state.label} expired on ${utcTime(state.expiry ?? date)}`)
      .join('; ');
    return expiredError(
      `The ${role} ${fpr} has no signing key left: ${expiredText}${revoked.length ? `; revoked: ${revokedText}` : ''}`,
      date,
      fpr,
    );
  }
  if (live.every((state) => isStub(state.part))) {
    return new CountersignError(
      'KEY_CANNOT_SIGN',
      `The file holds no secret part of a signing key of ${fpr}: only stubs (the key lives on a smartcard, or was exported without it).`,
      `Export the key with its secret signing subkey: gpg --armor --export-secret-keys ${fpr}.`,
    );
  }
  return new CountersignError(
    'KEY_CANNOT_SIGN',
    `The ${role} ${fpr} has no key that can sign as of ${utcTime(date)}.`,
    `A signing subkey needs a valid binding signed by the primary key and by the subkey itself (GnuPG makes both). openpgp.js said: ${detail}`,
  );
}

/**
 * The exact key (primary or subkey) that will sign for `key` at `date`, as
 * openpgp.js chooses it with our accepted algorithms; otherwise the refusal
 * that says why: KEY_REVOKED, KEY_EXPIRED, WEAK_KEY or KEY_CANNOT_SIGN.
 */
export async function chooseSigningKey(
  key: openpgp.PrivateKey,
  date: Date,
  role: KeyRole = 'release key',
): Promise<AnyKey> {
  const accepted = await usableSigningKey(key, date, RELEASE_SIGNING_CONFIG);
  if (accepted.found) return accepted.found;
  // A key that would sign if weak algorithms were allowed is weak, not unusable.
  const anyAlgorithm = await usableSigningKey(key, date, ANY_ALGORITHM_CONFIG);
  if (anyAlgorithm.found) {
    const weakness =
      weaknessOf(key) ?? weaknessOf(anyAlgorithm.found) ?? `openpgp.js said: ${accepted.reason}`;
    throw new CountersignError(
      'WEAK_KEY',
      `The ${role} ${fingerprintOf(key)} is too weak to sign ${role === 'release key' ? 'releases' : 'review decisions'} (${weakness}).`,
      'Make a new release key (gpg --quick-gen-key "Release <release@example.org>" ed25519 cert 0, then gpg --quick-add-key FINGERPRINT ed25519 sign 2y; or rsa4096), publish it to your users and import it here.',
    );
  }
  throw await whyCannotSign(key, date, anyAlgorithm.reason, role);
}
