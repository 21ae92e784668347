import * as openpgp from 'openpgp';
import { CountersignError } from '../../../../shared/errors';
import { canSignData, expiryOf, fingerprintOf, revocationOf } from '../openpgp/keyFacts';
import {
  CLOCK_SKEW_MS,
  CRYPTO_ONLY,
  findSigningKey,
  hashName,
  issuerFingerprint,
  WEAK_HASHES,
} from '../openpgp/signaturePolicy';
import type { SignatureReport } from './aptTypes';

/** What the signatures on a Release came to. */
export interface ReleaseSignatureCheck {
  /** The text the signatures cover: the only Release text that may be parsed. */
  signedText: string;
  signatures: SignatureReport[];
  /** Primary fingerprints of trusted keys with at least one valid signature. */
  signedBy: string[];
}

// Debian's InRelease carries two or three signatures; hundreds would only be
// there to make the verifier spend time.
const MAX_SIGNATURES = 16;

const day = (date: Date) => date.toISOString().slice(0, 10);

function badSignatureFile(file: string, detail: string): CountersignError {
  return new CountersignError(
    'REPOSITORY_SIGNATURE_INVALID',
    `The repository's ${file} cannot be read as an OpenPGP signature (${detail}).`,
    'The repository is damaged or was tampered with; ask its owner to publish it again.',
  );
}

/**
 * Why a trusted key's signature does not count now, or null. A repository is
 * re-signed continually, so unlike a release tag its key must be valid today:
 * apt (through gpgv) refuses an expired or revoked key the same way.
 */
async function policyProblem(
  packet: openpgp.SignaturePacket,
  primary: openpgp.PublicKey,
  signingKey: openpgp.PublicKey | openpgp.Subkey,
  now: Date,
): Promise<string | null> {
  const created = packet.created ?? new Date(0);
  if (packet.hashAlgorithm !== null && WEAK_HASHES.has(packet.hashAlgorithm)) {
    return `signed with ${hashName(packet.hashAlgorithm)}, which is no longer safe against forgery (openpgp.js and current apt refuse it too); the repository must be re-signed with SHA-256 or stronger`;
  }
  if (created.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    return `made on ${created.toISOString()}, after this computer's time (${now.toISOString()}); check this computer's clock`;
  }
  if (packet.getExpirationTime() <= now) {
    return `the signature itself expired on ${day(new Date(packet.getExpirationTime()))}`;
  }
  for (const key of signingKey === primary ? [primary] : [primary, signingKey]) {
    const label = key === primary ? 'the key' : `its signing subkey ${fingerprintOf(key)}`;
    if (key.getCreationTime().getTime() > created.getTime()) {
      return `${label} was created after the signature's date, so the signature is forged or its clock was wrong`;
    }
    const revocation = await revocationOf(key, now);
    if (revocation.revoked) {
      return `${label} is revoked (${revocation.reason ?? 'no reason given'}${revocation.since ? `, on ${day(revocation.since)}` : ''})`;
    }
    const expiry = await expiryOf(key);
    if (expiry && expiry.getTime() <= now.getTime()) {
      return `${label} expired on ${day(expiry)}; its owner must extend it (and you re-import it) or re-sign with a valid key`;
    }
  }
  if (!(await canSignData(signingKey))) {
    return `${signingKey === primary ? 'the key' : 'the signing subkey'} is not allowed to make signatures (its key flags)`;
  }
  return null;
}

async function checkOne(
  packet: openpgp.SignaturePacket,
  literal: openpgp.LiteralDataPacket,
  trustedKeys: openpgp.PublicKey[],
  now: Date,
): Promise<{ report: SignatureReport; primary: string | null }> {
  const keyId = packet.issuerKeyID.toHex().toUpperCase();
  const issuer = issuerFingerprint(packet);
  const type = packet.signatureType;
  if (type !== openpgp.enums.signature.binary && type !== openpgp.enums.signature.text) {
    return {
      report: {
        keyId,
        fingerprint: issuer,
        trusted: false,
        valid: false,
        reason: 'not a signature over a document',
      },
      primary: null,
    };
  }
  const found = await findSigningKey(trustedKeys, packet);
  if (!found) {
    return {
      report: {
        keyId,
        fingerprint: issuer,
        trusted: false,
        valid: false,
        reason: 'made by a key that is not among the trusted repository keys',
      },
      primary: null,
    };
  }
  const fingerprint = fingerprintOf(found.signingKey);
  try {
    await packet.verify(
      found.signingKey.keyPacket,
      type,
      literal,
      null as unknown as Date,
      true,
      CRYPTO_ONLY,
    );
  } catch (error) {
    return {
      report: {
        keyId,
        fingerprint,
        trusted: true,
        valid: false,
        reason: `does not match the Release text: it was changed after signing (${error instanceof Error ? error.message : 'verification failed'})`,
      },
      primary: null,
    };
  }
  const problem = await policyProblem(packet, found.primary, found.signingKey, now);
  return {
    report: { keyId, fingerprint, trusted: true, valid: problem === null, reason: problem },
    primary: problem === null ? fingerprintOf(found.primary) : null,
  };
}

async function checkAll(
  packets: openpgp.SignaturePacket[],
  literal: openpgp.LiteralDataPacket,
  trustedKeys: openpgp.PublicKey[],
  now: Date,
  file: string,
): Promise<Omit<ReleaseSignatureCheck, 'signedText'>> {
  if (packets.length === 0) throw badSignatureFile(file, 'it holds no signature');
  if (packets.length > MAX_SIGNATURES) {
    throw badSignatureFile(
      file,
      `it holds ${packets.length} signatures, far more than any real repository`,
    );
  }
  const signatures: SignatureReport[] = [];
  const signedBy: string[] = [];
  for (const packet of packets) {
    const { report, primary } = await checkOne(packet, literal, trustedKeys, now);
    signatures.push(report);
    if (primary && !signedBy.includes(primary)) signedBy.push(primary);
  }
  return { signatures, signedBy };
}

async function signaturePackets(
  source: string | Uint8Array,
  file: string,
): Promise<openpgp.SignaturePacket[]> {
  try {
    const parsed =
      typeof source === 'string'
        ? await openpgp.readSignature({ armoredSignature: source })
        : await openpgp.readSignature({ binarySignature: source });
    return [...parsed.packets.filterByTag(openpgp.enums.packet.signature)];
  } catch (error) {
    throw badSignatureFile(file, error instanceof Error ? error.message : String(error));
  }
}

function literalPacket(message: openpgp.Message<string | Uint8Array>): openpgp.LiteralDataPacket {
  const [literal] = message.packets.filterByTag(openpgp.enums.packet.literalData);
  if (!(literal instanceof openpgp.LiteralDataPacket)) {
    throw new Error('openpgp.js made a message without literal data');
  }
  return literal;
}

// apt refuses an InRelease with anything outside the signed block (text before
// the header or after the signature could be mistaken for signed content by a
// laxer reader); openpgp.js would silently skip it, so we check first.
const CLEARSIGNED_SHAPE =
  /^-----BEGIN PGP SIGNED MESSAGE-----\r?\n[\s\S]*?\r?\n-----BEGIN PGP SIGNATURE-----\r?\n[\s\S]*?\r?\n-----END PGP SIGNATURE-----[ \t\r\n]*$/;

/**
 * Checks every signature of a cleartext-signed InRelease against the trusted
 * keys, as of `now`. Returns the signed text (never the file as a whole) and
 * a report per signature; deciding whether enough verified is the caller's.
 */
export async function verifyInRelease(
  text: string,
  trustedKeys: openpgp.PublicKey[],
  now: Date,
): Promise<ReleaseSignatureCheck> {
  // openpgp.js ends the signed text at any "-----…-----" line, so exactly the
  // three armor lines of one message may look like that.
  const armorLines = text.match(/^-----[^-\r\n]+-----\r?$/gm) ?? [];
  if (!CLEARSIGNED_SHAPE.test(text) || armorLines.length !== 3) {
    throw badSignatureFile(
      'InRelease',
      'it is not exactly one cleartext-signed message with nothing outside it',
    );
  }
  let message: openpgp.CleartextMessage;
  try {
    message = await openpgp.readCleartextMessage({ cleartextMessage: text });
  } catch (error) {
    throw badSignatureFile('InRelease', error instanceof Error ? error.message : String(error));
  }
  const signedText = message.getText();
  // The signature block read on its own: openpgp.js keeps the cleartext
  // message's signature packets out of its public types.
  const block = text.slice(text.lastIndexOf('-----BEGIN PGP SIGNATURE-----'));
  const packets = await signaturePackets(block, 'InRelease');
  // Hashed as the signer hashed it: the text with canonical line endings.
  const literal = literalPacket(await openpgp.createMessage({ text: signedText }));
  return { signedText, ...(await checkAll(packets, literal, trustedKeys, now, 'InRelease')) };
}

/**
 * Checks a detached Release.gpg (armored or binary) over the exact bytes of
 * Release. The signed text is Release itself, which must be UTF-8.
 */
export async function verifyDetachedRelease(
  release: Uint8Array,
  signature: Uint8Array,
  trustedKeys: openpgp.PublicKey[],
  now: Date,
): Promise<ReleaseSignatureCheck> {
  const armored = Buffer.from(signature.subarray(0, 64))
    .toString('latin1')
    .includes('-----BEGIN PGP');
  const packets = await signaturePackets(
    armored ? Buffer.from(signature).toString('utf8') : signature,
    'Release.gpg',
  );
  let signedText: string;
  try {
    signedText = new TextDecoder('utf-8', { fatal: true }).decode(release);
  } catch {
    throw new CountersignError(
      'INVALID_REPOSITORY',
      "The repository's Release file is not UTF-8 text.",
      'The repository is damaged; ask its owner to publish it again.',
    );
  }
  const literal = literalPacket(await openpgp.createMessage({ binary: release }));
  return { signedText, ...(await checkAll(packets, literal, trustedKeys, now, 'Release.gpg')) };
}
