const PRIVATE_BLOCK = '-----BEGIN PGP PRIVATE KEY BLOCK-----';
const PUBLIC_BLOCK = '-----BEGIN PGP PUBLIC KEY BLOCK-----';
const EXPORT_COMMAND = 'gpg --armor --export-secret-keys FINGERPRINT';
/** As reviewer:importKey and rebuilder:importKey take it: an armored key is a few kilobytes. */
const MAX_KEY_LENGTH = 1024 * 1024;

export class KeyFileProblem extends Error {
  override name = 'KeyFileProblem';
}

/**
 * Reads a personal key file (a reviewer's, a rebuilder's): it must be an
 * armored secret key (the engine checks its passphrase and strength). A
 * public key, a binary export or anything else is explained here, before it
 * is sent. `signs` says what the key signs, for the sentence.
 */
export async function readPersonalKeyFile(file: Blob, signs = 'your decisions'): Promise<string> {
  if (file.size > MAX_KEY_LENGTH) {
    throw new KeyFileProblem(
      `This file is ${(file.size / 1_000_000).toFixed(1)} MB; an armored key is a few kilobytes. Choose the file made by: ${EXPORT_COMMAND}`,
    );
  }
  const text = await file.text();
  if (text.includes(PRIVATE_BLOCK)) return text;
  if (text.includes(PUBLIC_BLOCK)) {
    throw new KeyFileProblem(
      `This file holds a public key only; signing ${signs} needs the secret key. Export it with: ${EXPORT_COMMAND}`,
    );
  }
  throw new KeyFileProblem(
    `This is not an armored key file. Export your key as text with: ${EXPORT_COMMAND}`,
  );
}
