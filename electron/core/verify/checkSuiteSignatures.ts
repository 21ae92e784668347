import type * as openpgp from 'openpgp';
import type { SignatureFileCheck } from '../../../shared/verify';
import { parseReleaseFile, type ReleaseFile } from '../lib/apt/releaseFile';
import type { RepositoryLocation } from '../lib/apt/repositoryLocation';
import {
  verifyDetachedRelease,
  verifyInRelease,
  type ReleaseSignatureCheck,
} from '../lib/apt/verifyReleaseSignature';

const MAX_RELEASE_BYTES = 16 * 1024 * 1024;
const MAX_SIGNATURE_BYTES = 1024 * 1024;

/** What a suite's signature files came to, and the Release text to check its indexes against. */
export interface SuiteSignatures {
  signatures: SignatureFileCheck[];
  releaseProblems: string[];
  /**
   * The Release to check the indexes against: the signed one when a signature
   * verified, else whatever text there is (the signature link is then broken
   * anyway, and the rest is still worth showing). Null when none parses.
   */
  release: ReleaseFile | null;
  /** The suite has neither InRelease nor Release: it is not a suite. */
  absent: boolean;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function verdictOf(
  file: SignatureFileCheck['file'],
  check: ReleaseSignatureCheck,
  keys: number,
): SignatureFileCheck {
  if (check.signedBy.length > 0) {
    return { file, status: 'verified', signedBy: check.signedBy, problem: null };
  }
  const found = check.signatures.map(
    (signature) =>
      `${signature.fingerprint ?? signature.keyId} (${signature.reason ?? 'not valid'})`,
  );
  return {
    file,
    status: 'failed',
    signedBy: [],
    problem:
      keys === 0
        ? 'no key was given to verify it with'
        : `no given key made a valid signature on it; signatures found: ${found.join('; ')}`,
  };
}

async function checkedSignature(
  file: SignatureFileCheck['file'],
  verify: () => Promise<ReleaseSignatureCheck>,
  keys: number,
): Promise<{ check: SignatureFileCheck; signedText: string | null }> {
  try {
    const result = await verify();
    return { check: verdictOf(file, result, keys), signedText: result.signedText };
  } catch (error) {
    return {
      check: { file, status: 'failed', signedBy: [], problem: messageOf(error) },
      signedText: null,
    };
  }
}

function parsed(text: string | null, problems: string[], what: string): ReleaseFile | null {
  if (text === null) return null;
  try {
    return parseReleaseFile(text);
  } catch (error) {
    problems.push(`${what} cannot be read: ${messageOf(error)}`);
    return null;
  }
}

const normalised = (text: string) => text.replace(/\r\n/g, '\n').trimEnd();

/** Release problems that are not about the signature bytes: a replayed or stale Release. */
function releaseFacts(release: ReleaseFile, suite: string[], now: Date): string[] {
  const problems: string[] = [];
  const names = [release.suite, release.codename].filter((name): name is string => name !== null);
  if (!names.includes(suite.join('/')) && !names.includes(suite[0] ?? '')) {
    problems.push(
      `the Release describes the suite ${names.map((name) => JSON.stringify(name)).join(' / ')}, not this one: a Release signed for another suite was put here`,
    );
  }
  if (release.validUntil && release.validUntil.getTime() <= now.getTime()) {
    problems.push(
      `the Release was valid until ${release.validUntil.toISOString()}; apt refuses it now (it may be an old copy replayed)`,
    );
  }
  return problems;
}

/**
 * Checks both signature files of a suite on their own, unlike the reader,
 * which stops at the first: a repository is only as good as the worse of the
 * two, since an apt client may fetch either. A missing Release.gpg is
 * reported, since Countersign always publishes it and old clients need it.
 */
export async function checkSuiteSignatures(
  location: RepositoryLocation,
  suite: string[],
  keys: openpgp.PublicKey[],
  now: Date,
  signal?: AbortSignal,
): Promise<SuiteSignatures> {
  const dir = ['dists', ...suite];
  const releaseProblems: string[] = [];
  const signatures: SignatureFileCheck[] = [];
  const read = async (name: string, max: number) => {
    try {
      return await location.readSmallFile([...dir, name], max, signal);
    } catch (error) {
      releaseProblems.push(`${name} cannot be read: ${messageOf(error)}`);
      return null;
    }
  };
  const inRelease = await read('InRelease', MAX_RELEASE_BYTES);
  const releaseBytes = await read('Release', MAX_RELEASE_BYTES);
  const detached = await read('Release.gpg', MAX_SIGNATURE_BYTES);
  if (!inRelease && !releaseBytes) {
    return { signatures, releaseProblems, release: null, absent: releaseProblems.length === 0 };
  }

  let inReleaseText: string | null = null;
  if (inRelease) {
    const result = await checkedSignature(
      'InRelease',
      () => verifyInRelease(Buffer.from(inRelease).toString('utf8'), keys, now),
      keys.length,
    );
    signatures.push(result.check);
    inReleaseText = result.signedText;
  } else {
    signatures.push({
      file: 'InRelease',
      status: 'missing',
      signedBy: [],
      problem: 'there is no InRelease; current apt clients look for it first',
    });
  }

  let releaseText: string | null = null;
  if (releaseBytes) {
    if (detached) {
      const result = await checkedSignature(
        'Release.gpg',
        () => verifyDetachedRelease(releaseBytes, detached, keys, now),
        keys.length,
      );
      signatures.push(result.check);
      releaseText = result.signedText;
    } else {
      signatures.push({
        file: 'Release.gpg',
        status: 'missing',
        signedBy: [],
        problem:
          'there is a Release but no Release.gpg, so clients that read Release cannot verify it',
      });
    }
    releaseText ??= Buffer.from(releaseBytes).toString('utf8');
  } else {
    signatures.push({
      file: 'Release.gpg',
      status: 'missing',
      signedBy: [],
      problem: 'there is no Release (nor Release.gpg) beside InRelease',
    });
  }

  if (
    inReleaseText !== null &&
    releaseBytes &&
    normalised(inReleaseText) !== normalised(releaseText ?? '')
  ) {
    releaseProblems.push(
      'the text InRelease signs is not the text of Release: one of them was replaced',
    );
  }
  const inReleaseVerified = signatures.some(
    (check) => check.file === 'InRelease' && check.status === 'verified',
  );
  const release = inReleaseVerified
    ? parsed(inReleaseText, releaseProblems, 'InRelease')
    : (parsed(releaseText, releaseProblems, 'Release') ??
      parsed(inReleaseText, releaseProblems, 'InRelease'));
  if (release) releaseProblems.push(...releaseFacts(release, suite, now));
  return { signatures, releaseProblems, release, absent: false };
}
