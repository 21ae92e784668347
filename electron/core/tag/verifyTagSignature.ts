import * as openpgp from 'openpgp';
import type { TagProblem, TagSignature, TagSigner } from '../../../shared/tags';
import {
  canSignData,
  expiryOf,
  fingerprintOf,
  primaryUserId,
  revocationOf,
} from '../lib/openpgp/keyFacts';
import {
  CLOCK_SKEW_MS,
  CRYPTO_ONLY,
  findSigningKey,
  hashName,
  issuerFingerprint,
  WEAK_HASHES,
} from '../lib/openpgp/signaturePolicy';

export interface SignatureCheck {
  signature: TagSignature;
  signer: TagSigner | null;
  problems: TagProblem[];
  notes: string[];
}

// A detached signature is under 2 KiB even for RSA 16384; anything far larger is
// an attempt to make the verifier parse or hash a bomb.
const MAX_SIGNATURE_CHARS = 64 * 1024;

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Checks an armored OpenPGP signature over a tag's payload against the trusted
 * keys, as of the signature's own creation time for key validity and as of
 * `now` for revocation (a revoked key is never trusted again, as GnuPG does).
 */
export async function verifyTagSignature(
  armored: string,
  payload: Uint8Array,
  trustedKeys: openpgp.PublicKey[],
  now: Date,
  policy: { allowSha1?: boolean } = {},
): Promise<SignatureCheck> {
  const problems: TagProblem[] = [];
  const notes: string[] = [];
  if (armored.length > MAX_SIGNATURE_CHARS) {
    return {
      signature: { format: 'openpgp', issuerKeyId: null, createdAt: null, hashAlgorithm: null },
      signer: null,
      problems: [
        {
          code: 'MALFORMED_SIGNATURE',
          message: `The tag's signature block is ${Math.round(armored.length / 1024)} KiB; a real OpenPGP signature is a few KiB at most. The tag was tampered with; do not release it.`,
        },
      ],
      notes,
    };
  }
  let parsed: openpgp.Signature;
  try {
    parsed = await openpgp.readSignature({ armoredSignature: armored });
  } catch (error) {
    return {
      signature: { format: 'openpgp', issuerKeyId: null, createdAt: null, hashAlgorithm: null },
      signer: null,
      problems: [
        {
          code: 'MALFORMED_SIGNATURE',
          message: `The tag's signature block cannot be read as OpenPGP (${error instanceof Error ? error.message : 'unknown error'}). Ask the maintainer to re-sign the tag.`,
        },
      ],
      notes,
    };
  }
  const packet = parsed.packets.filterByTag(openpgp.enums.packet.signature)[0];
  if (!packet) {
    return {
      signature: { format: 'openpgp', issuerKeyId: null, createdAt: null, hashAlgorithm: null },
      signer: null,
      problems: [
        {
          code: 'MALFORMED_SIGNATURE',
          message: 'The signature block holds no signature. Ask the maintainer to re-sign the tag.',
        },
      ],
      notes,
    };
  }
  const created = packet.created ?? new Date(0);
  const issuerKeyId = packet.issuerKeyID.toHex().toUpperCase();
  const issuer = issuerFingerprint(packet) ?? issuerKeyId;
  const signature: TagSignature = {
    format: 'openpgp',
    issuerKeyId,
    createdAt: created.toISOString(),
    hashAlgorithm: hashName(packet.hashAlgorithm),
  };

  if (trustedKeys.length === 0) {
    problems.push({
      code: 'NO_TRUSTED_SIGNERS',
      message: `The trust list is empty, so no signature can be trusted. Import the maintainer's public key (signer ${issuer}) after checking its fingerprint with them.`,
    });
    return { signature, signer: null, problems, notes };
  }
  const found = await findSigningKey(trustedKeys, packet);
  if (!found) {
    problems.push({
      code: 'UNKNOWN_KEY',
      message: `The tag is signed by key ${issuer}, which is not in the trust list. If this maintainer should be trusted, import their key after checking its fingerprint with them; otherwise do not release this tag.`,
    });
    return { signature, signer: null, problems, notes };
  }
  const { primary, signingKey } = found;
  const signer: TagSigner = {
    signingKeyFingerprint: fingerprintOf(signingKey),
    primaryKeyFingerprint: fingerprintOf(primary),
    userId: await primaryUserId(primary),
  };
  const which =
    signingKey === primary
      ? 'The signing key'
      : `The signing subkey ${signer.signingKeyFingerprint}`;

  try {
    const message = await openpgp.createMessage({ binary: payload });
    const literal = message.packets.filterByTag(openpgp.enums.packet.literalData)[0];
    await packet.verify(
      signingKey.keyPacket,
      packet.signatureType ?? openpgp.enums.signature.binary,
      literal as object,
      null as unknown as Date,
      true,
      CRYPTO_ONLY,
    );
  } catch (error) {
    problems.push({
      code: 'BAD_SIGNATURE',
      message: `The signature does not match the tag: the tag's message or the object it points to was changed after signing (${error instanceof Error ? error.message : 'verification failed'}). Do not release this tag.`,
    });
  }

  if (packet.hashAlgorithm === openpgp.enums.hash.sha1 && policy.allowSha1) {
    notes.push(
      'The signature uses SHA-1, accepted because SHA-1 was explicitly allowed for this check.',
    );
  } else if (packet.hashAlgorithm !== null && WEAK_HASHES.has(packet.hashAlgorithm)) {
    problems.push({
      code: 'WEAK_HASH',
      message: `The signature uses ${signature.hashAlgorithm}, which is no longer safe against forgery. Ask the maintainer to re-sign the tag with SHA-256 or stronger (gpg --personal-digest-preferences SHA512); for an old release signed before SHA-1 was retired, check again with SHA-1 explicitly allowed (--allow-sha1).`,
    });
  }
  if (created.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    problems.push({
      code: 'SIGNATURE_IN_FUTURE',
      message: `The signature claims to be made on ${created.toISOString()}, after this computer's time (${now.toISOString()}). Check this computer's clock; if it is right, the signer's clock was wrong — ask them to re-sign.`,
    });
  }
  for (const key of signingKey === primary ? [primary] : [primary, signingKey]) {
    const label =
      key === primary ? `The maintainer's primary key ${fingerprintOf(primary)}` : which;
    if (key.getCreationTime().getTime() > created.getTime()) {
      problems.push({
        code: 'SIGNATURE_BEFORE_KEY_CREATION',
        message: `${label} was created on ${key.getCreationTime().toISOString()}, after the signature's date (${created.toISOString()}). A signature cannot predate its key: the signer's clock was wrong or the signature is forged. Ask the maintainer to re-sign.`,
      });
    }
    const revocation = await revocationOf(key, created);
    const revokedNow = revocation.revoked ? revocation : await revocationOf(key, now);
    if (revocation.revoked) {
      problems.push({
        code: 'KEY_REVOKED',
        message: `${label} has been revoked (${revocation.reason ?? 'no reason given'}${revocation.since ? `, on ${day(revocation.since)}` : ''}). Signatures by a revoked key are not trusted; ask the maintainer to re-sign with their current key, and update the trust list.`,
      });
    } else if (revokedNow.revoked) {
      notes.push(
        `${label} was retired on ${revokedNow.since ? day(revokedNow.since) : 'a later date'} (${revokedNow.reason ?? 'no reason given'}), after the tag was signed (${day(created)}); a retired or superseded key's earlier signatures stay valid.`,
      );
    }
    const expiry = await expiryOf(key);
    if (expiry && expiry.getTime() <= created.getTime()) {
      problems.push({
        code: 'KEY_EXPIRED',
        message: `${label} expired on ${day(expiry)}, before the tag was signed (${day(created)}). Ask the maintainer to extend the key's expiry and publish it, then re-import it; or re-sign with a valid key.`,
      });
    } else if (expiry && expiry.getTime() <= now.getTime()) {
      notes.push(
        `${label} expired on ${day(expiry)}, after the tag was signed (${day(created)}); the signature was made while it was valid.`,
      );
    }
  }
  if (!(await canSignData(signingKey))) {
    problems.push({
      code: 'KEY_CANNOT_SIGN',
      message: `${which} is not allowed to make signatures (its key flags do not include signing). The signature is not trusted; ask the maintainer to sign with a signing key.`,
    });
  }
  return { signature, signer, problems, notes };
}
