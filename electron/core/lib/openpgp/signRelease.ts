import * as openpgp from 'openpgp';
import { CountersignError } from '../../../../shared/errors';
import { signDetached, signingOptions } from './signDetached';
import type { UnlockedReleaseKey } from './unlockReleaseKey';

/** The signed files of an apt suite, as apt fetches them. */
export interface SignedRelease {
  /** Release, cleartext-signed: what `gpg --clearsign Release` writes. */
  inRelease: string;
  /** An armored detached signature over the exact bytes of Release. */
  releaseGpg: string;
}

function unsignable(reason: string): CountersignError {
  return new CountersignError(
    'INVALID_RELEASE_TEXT',
    `The Release file cannot be signed as it is: ${reason}.`,
    'Regenerate Release (apt-ftparchive release, or Countersign) and sign it again.',
  );
}

/**
 * Refuses what a cleartext signature would silently change: openpgp.js (like
 * the OpenPGP standard) drops trailing spaces and turns every line end into
 * CRLF, so the text apt reads from InRelease would differ from Release.
 * Release files never hold either.
 */
function checkReleaseText(text: string): void {
  if (text.length === 0) throw unsignable('it is empty');
  // A lone surrogate would be written as U+FFFD, which is not what was given.
  if (/\p{Cs}/u.test(text)) throw unsignable('it is not valid Unicode text');
  if (text.includes('\r')) throw unsignable('it has carriage returns (CRLF line ends)');
  const line = text.split('\n').findIndex((candidate) => /[ \t]$/.test(candidate));
  if (line !== -1) throw unsignable(`line ${line + 1} ends with a space or tab`);
}

/**
 * The signed text of a cleartext-signed message as any reader (gpgv, apt)
 * takes it: the lines between the armor headers and the signature, with the
 * dash-escaping ("- ") undone. Written independently of openpgp.js, to check
 * its output.
 */
export function cleartextBody(signed: string): string | null {
  const header = '-----BEGIN PGP SIGNED MESSAGE-----\n';
  const start = signed.indexOf('\n\n');
  const end = signed.indexOf('\n-----BEGIN PGP SIGNATURE-----\n');
  if (!signed.startsWith(header) || start === -1 || end < start) return null;
  return signed
    .slice(start + 2, end)
    .split('\n')
    .map((line) => (line.startsWith('- ') ? line.slice(2) : line))
    .join('\n');
}

/**
 * Signs a Release file for apt: InRelease (cleartext-signed, as
 * `gpg --clearsign`) and Release.gpg (armored detached, as
 * `gpg --armor --detach-sign`), with the key shown to the release manager,
 * SHA-512, and `date` as the signatures' time.
 *
 * In a cleartext signature the line end before the signature block belongs
 * to the armor, not to the text, so Release's final newline is not part of
 * what InRelease signs (as with gpg); apt adds it back when it reads InRelease.
 */
export async function signRelease(
  unlocked: UnlockedReleaseKey,
  releaseText: string,
  date: Date,
): Promise<SignedRelease> {
  checkReleaseText(releaseText);
  const body = releaseText.endsWith('\n') ? releaseText.slice(0, -1) : releaseText;
  const armored = await openpgp.sign({
    message: await openpgp.createCleartextMessage({ text: body }),
    format: 'armored',
    ...signingOptions(unlocked, date),
  });
  // openpgp.js writes the text with CRLF line ends and everything else with LF;
  // gpg writes LF throughout. The input has no CR (checked), so every CR is its.
  const inRelease = armored.replaceAll('\r\n', '\n');
  if (cleartextBody(inRelease) !== body) {
    throw new CountersignError(
      'INTERNAL',
      'The signed InRelease does not carry the Release text unchanged, so it was not written.',
      'This is a bug in Countersign; please report it with the Release file.',
    );
  }
  const releaseGpg = await signDetached(unlocked, Buffer.from(releaseText, 'utf8'), date);
  return { inRelease, releaseGpg };
}
