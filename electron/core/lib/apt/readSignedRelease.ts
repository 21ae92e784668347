import { createHash } from 'node:crypto';
import type * as openpgp from 'openpgp';
import { CountersignError } from '../../../../shared/errors';
import type { SignatureReport } from './aptTypes';
import { quoted } from './hostileText';
import { parseReleaseFile, type ReleaseFile } from './releaseFile';
import type { RepositoryLocation } from './repositoryLocation';
import {
  verifyDetachedRelease,
  verifyInRelease,
  type ReleaseSignatureCheck,
} from './verifyReleaseSignature';

const MAX_RELEASE_BYTES = 16 * 1024 * 1024;
const MAX_SIGNATURE_BYTES = 1024 * 1024;

export interface SignedRelease {
  release: ReleaseFile;
  signatures: SignatureReport[];
  signedBy: string[];
  /** SHA-256 of the file whose signature was verified (InRelease, or Release). */
  releaseSha256: string;
  file: 'InRelease' | 'Release';
}

function utf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CountersignError(
      'INVALID_REPOSITORY',
      `The repository's ${file} is not UTF-8 text.`,
      'The repository is damaged; ask its owner to publish it again.',
    );
  }
}

function refuseUnverified(check: ReleaseSignatureCheck, file: string, trusted: number): never {
  const found = check.signatures.map(
    (signature) =>
      `${signature.fingerprint ?? signature.keyId} (${signature.reason ?? 'not valid'})`,
  );
  if (trusted === 0) {
    throw new CountersignError(
      'REPOSITORY_SIGNATURE_INVALID',
      `No repository key is trusted, so the repository's ${file} cannot be verified. It is signed by: ${found.join('; ')}.`,
      "Import the repository's signing key into the project after checking its fingerprint with whoever runs the repository.",
    );
  }
  throw new CountersignError(
    'REPOSITORY_SIGNATURE_INVALID',
    `No trusted key made a valid signature on the repository's ${file}. Signatures found: ${found.join('; ')}.`,
    'Do not use this repository as it is. If its signing key changed legitimately, import the new key after checking its fingerprint; otherwise ask its owner to re-sign it.',
  );
}

/** A suite that Release says is another: a signed Release replayed from elsewhere. */
function checkSuiteName(release: ReleaseFile, suite: string[]): void {
  const names = [release.suite, release.codename].filter((name): name is string => name !== null);
  const dist = suite.join('/');
  if (names.includes(dist) || names.includes(suite[0] ?? '')) return;
  throw new CountersignError(
    'INVALID_REPOSITORY',
    `The Release in dists/${quoted(dist)} describes the suite ${names.map((name) => quoted(name)).join(' / ')}: a Release signed for another suite was put here.`,
    'Read the suite under its own name, or ask the repository owner to fix the layout.',
  );
}

/**
 * Fetches the suite's Release and verifies it: InRelease when present, else
 * Release with its detached Release.gpg. At least one signature by a trusted
 * key must verify; only the text that signature covers is parsed. A Release
 * whose Valid-Until has passed (as of `now`) is refused, as apt refuses it.
 */
export async function readSignedRelease(
  location: RepositoryLocation,
  suite: string[],
  trustedKeys: openpgp.PublicKey[],
  now: Date,
  signal: AbortSignal | undefined,
  log: (line: string) => void,
): Promise<SignedRelease> {
  const dir = ['dists', ...suite];
  const where = `dists/${suite.join('/')}`;
  let check: ReleaseSignatureCheck;
  let signedBytes: Uint8Array;
  let file: SignedRelease['file'];
  const inRelease = await location.readSmallFile([...dir, 'InRelease'], MAX_RELEASE_BYTES, signal);
  if (inRelease) {
    // An InRelease that does not verify is not a reason to try Release.gpg:
    // apt does not fall back either, and the two would be judged the same way.
    file = 'InRelease';
    signedBytes = inRelease;
    check = await verifyInRelease(utf8(inRelease, 'InRelease'), trustedKeys, now);
  } else {
    const release = await location.readSmallFile([...dir, 'Release'], MAX_RELEASE_BYTES, signal);
    if (!release) {
      throw new CountersignError(
        'INVALID_REPOSITORY',
        `${location.display} has no InRelease or Release in ${quoted(where)}: there is no such suite there.`,
        'Check the repository root (the folder holding dists/ and pool/) and the suite name (--suite NAME).',
      );
    }
    const detached = await location.readSmallFile(
      [...dir, 'Release.gpg'],
      MAX_SIGNATURE_BYTES,
      signal,
    );
    if (!detached) {
      throw new CountersignError(
        'REPOSITORY_UNSIGNED',
        `The repository's ${quoted(where)} has a Release but neither InRelease nor Release.gpg: it is not signed, so nothing in it can be trusted.`,
        'Ask its owner to sign it (InRelease, or Release.gpg) with the key you trust.',
      );
    }
    file = 'Release';
    signedBytes = release;
    check = await verifyDetachedRelease(release, detached, trustedKeys, now);
  }
  for (const signature of check.signatures) {
    log(
      `${file}: signature by ${signature.fingerprint ?? signature.keyId}: ${signature.valid ? 'valid' : `not counted, ${signature.reason ?? ''}`}`,
    );
  }
  if (check.signedBy.length === 0) refuseUnverified(check, file, trustedKeys.length);

  const release = parseReleaseFile(check.signedText);
  checkSuiteName(release, suite);
  if (release.validUntil && release.validUntil.getTime() <= now.getTime()) {
    throw new CountersignError(
      'REPOSITORY_EXPIRED',
      `The repository's Release for ${quoted(where)} was valid until ${release.validUntil.toISOString()}; it is now ${now.toISOString()}. An expired Release may be an old copy replayed to hide newer packages.`,
      "Ask the repository's owner to re-sign it (a fresh Valid-Until); if this computer's clock is wrong, fix it.",
    );
  }
  return {
    release,
    signatures: check.signatures,
    signedBy: check.signedBy,
    releaseSha256: createHash('sha256').update(signedBytes).digest('hex'),
    file,
  };
}
