import { MAX_RELEASE_KEY_LENGTH } from '../../../../shared/signing';

const PRIVATE_BLOCK = '-----BEGIN PGP PRIVATE KEY BLOCK-----';
const PUBLIC_BLOCK = '-----BEGIN PGP PUBLIC KEY BLOCK-----';
const EXPORT_COMMAND = 'gpg --armor --export-secret-keys FINGERPRINT';

export class ReleaseKeyFileProblem extends Error {
  override name = 'ReleaseKeyFileProblem';
}

/**
 * Reads a release key file chosen by the user: it must be an armored secret
 * key, still protected by its passphrase (the engine checks that). A public
 * key, a binary export or anything else is explained here, before it is sent.
 */
export async function readReleaseKeyFile(file: Blob): Promise<string> {
  if (file.size > MAX_RELEASE_KEY_LENGTH) {
    throw new ReleaseKeyFileProblem(
      `This file is ${(file.size / 1_000_000).toFixed(1)} MB; an armored release key is a few kilobytes. Choose the file made by: ${EXPORT_COMMAND}`,
    );
  }
  const text = await file.text();
  if (text.includes(PRIVATE_BLOCK)) return text;
  if (text.includes(PUBLIC_BLOCK)) {
    throw new ReleaseKeyFileProblem(
      `This file holds a public key only; signing needs the secret key. Export it with: ${EXPORT_COMMAND}`,
    );
  }
  throw new ReleaseKeyFileProblem(
    `This is not an armored key file. Export the release key as text with: ${EXPORT_COMMAND}`,
  );
}
