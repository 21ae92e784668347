/** A chosen key file, ready to send to `signers:import`. */
export type KeyFile =
  { kind: 'armored'; text: string } | { kind: 'binary'; payload: string; bytes: number };

/** Beyond this the base64 form would not fit the request's 4,000,000 characters. */
export const MAX_KEY_FILE_BYTES = 2_900_000;

export class KeyFileProblem extends Error {
  override name = 'KeyFileProblem';
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunked: spreading millions of arguments at once overflows the call stack.
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

/**
 * Reads a key file chosen by the user: armored text is used as it is, anything
 * else (a `gpg --export` binary, a keybox the engine will explain) is sent as
 * "base64:" + the bytes. A private key is refused here, before it goes anywhere.
 */
export async function readKeyFile(file: Blob): Promise<KeyFile> {
  if (file.size > MAX_KEY_FILE_BYTES) {
    throw new KeyFileProblem(
      `This file is ${(file.size / 1_000_000).toFixed(1)} MB; an exported public key is a few kilobytes. Choose the file made by: gpg --armor --export FINGERPRINT`,
    );
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = new TextDecoder('utf-8').decode(bytes);
  if (text.includes('-----BEGIN PGP PRIVATE KEY BLOCK-----')) {
    throw new KeyFileProblem(
      'This file holds a private key. Import only the public key: gpg --armor --export FINGERPRINT',
    );
  }
  if (text.includes('-----BEGIN PGP PUBLIC KEY BLOCK-----')) return { kind: 'armored', text };
  return { kind: 'binary', payload: `base64:${toBase64(bytes)}`, bytes: bytes.length };
}
