import * as openpgp from 'openpgp';
import { CountersignError } from '../../../shared/errors';
import { verifyDetachedRelease, verifyInRelease } from '../lib/apt/verifyReleaseSignature';
import type { ReleaseSigner } from './publishTypes';

/** The text an InRelease carries, as openpgp.js reads it (without the line end before the signature). */
async function cleartextOf(inRelease: string): Promise<string | null> {
  try {
    return (await openpgp.readCleartextMessage({ cleartextMessage: inRelease })).getText();
  } catch {
    return null;
  }
}

function signerFailed(message: string): CountersignError {
  return new CountersignError(
    'SIGNED_RELEASE_INVALID',
    message,
    'Nothing was switched: apt-prod still serves what it served. Check the release key and the signing setup, then publish again.',
  );
}

/**
 * Signs the Release and checks what came back before anything is written:
 * InRelease must be a cleartext-signed copy of exactly this text and
 * Release.gpg a signature; with `keys`, both must verify with one of them
 * (as apt will check them).
 */
export async function signRelease(
  sign: ReleaseSigner,
  releaseText: string,
  keys: openpgp.PublicKey[] | undefined,
): Promise<{ inRelease: string; releaseGpg: string }> {
  const signed = await sign(releaseText);
  // gpg leaves the last line end out of the signed text, openpgp.js keeps it: both are this text.
  const carried = await cleartextOf(signed.inRelease);
  if (carried?.replace(/\n+$/, '') !== releaseText.replace(/\n+$/, '')) {
    throw signerFailed('The signer returned an InRelease that does not carry the Release text.');
  }
  try {
    await openpgp.readSignature({ armoredSignature: signed.releaseGpg });
  } catch {
    throw signerFailed('The signer returned a Release.gpg that is not an armored signature.');
  }
  if (keys) {
    const now = new Date();
    const inline = await verifyInRelease(signed.inRelease, keys, now);
    const detached = await verifyDetachedRelease(
      Buffer.from(releaseText, 'utf8'),
      Buffer.from(signed.releaseGpg, 'utf8'),
      keys,
      now,
    );
    if (inline.signedBy.length === 0 || detached.signedBy.length === 0) {
      const reason = [...inline.signatures, ...detached.signatures]
        .map((signature) => signature.reason)
        .find((text) => text !== null);
      throw signerFailed(
        `The new Release's signatures do not verify with apt-prod's release key${reason ? `: ${reason}` : ''}.`,
      );
    }
  }
  return signed;
}

/**
 * The Release text of a served suite. With `keys`, only a text with a valid
 * signature by one of them is returned (InRelease, else Release + Release.gpg);
 * without, InRelease's text (whose bytes the caller pins by hash) or Release.
 */
export async function servedReleaseText(
  files: { inRelease: Buffer | null; release: Buffer | null; releaseGpg: Buffer | null },
  keys: openpgp.PublicKey[] | undefined,
  where: string,
): Promise<string | null> {
  const { inRelease, release, releaseGpg } = files;
  if (!keys) {
    if (inRelease) {
      const text = await cleartextOf(inRelease.toString('utf8'));
      if (text === null) throw tampered(`${where}/InRelease is not a signed message.`);
      return `${text}\n`;
    }
    return release ? release.toString('utf8') : null;
  }
  if (!inRelease && !release) return null;
  const now = new Date();
  const check = inRelease
    ? await verifyInRelease(inRelease.toString('utf8'), keys, now)
    : release && releaseGpg
      ? await verifyDetachedRelease(release, releaseGpg, keys, now)
      : null;
  if (!check || check.signedBy.length === 0) {
    throw new CountersignError(
      'REPOSITORY_SIGNATURE_INVALID',
      `apt-prod's ${where} is not signed by its release key, so Countersign will not build on it.`,
      'Someone changed apt-prod outside Countersign, or it was signed with another key. Inspect it before publishing.',
    );
  }
  return inRelease ? `${check.signedText}\n` : check.signedText;
}

export function tampered(message: string): CountersignError {
  return new CountersignError(
    'APT_PROD_TAMPERED',
    message,
    'apt-prod was changed outside Countersign. Countersign will not re-sign it; inspect it, or roll back to the previous publication.',
  );
}
