const PRIVATE_BLOCK = '-----BEGIN PGP PRIVATE KEY BLOCK-----';
const PUBLIC_BLOCK = '-----BEGIN PGP PUBLIC KEY BLOCK-----';
const EXPORT_COMMAND = 'gpg --armor --export-secret-keys FINGERPRINT';
/** As reviewer:importKey takes it: an armored key is a few kilobytes. */
const MAX_KEY_LENGTH = 1024 * 1024;

export class ReviewerKeyFileProblem extends Error {
  override name = 'ReviewerKeyFileProblem';
}

/**
 * Reads the reviewer's key file: it must be an armored secret key (the engine
 * checks its passphrase and strength). A public key, a binary export or
 * anything else is explained here, before it is sent.
 */
export async function readReviewerKeyFile(file: Blob): Promise<string> {
  if (file.size > MAX_KEY_LENGTH) {
    throw new ReviewerKeyFileProblem(
      `This file is ${(file.size / 1_000_000).toFixed(1)} MB; an armored reviewer key is a few kilobytes. Choose the file made by: ${EXPORT_COMMAND}`,
    );
  }
  const text = await file.text();
  if (text.includes(PRIVATE_BLOCK)) return text;
  if (text.includes(PUBLIC_BLOCK)) {
    throw new ReviewerKeyFileProblem(
      `This file holds a public key only; signing your decisions needs your secret key. Export it with: ${EXPORT_COMMAND}`,
    );
  }
  throw new ReviewerKeyFileProblem(
    `This is not an armored key file. Export your key as text with: ${EXPORT_COMMAND}`,
  );
}
