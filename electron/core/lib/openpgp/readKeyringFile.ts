import { readFile } from 'node:fs/promises';
import { CountersignError } from '../../../../shared/errors';
import { readKeyring } from './readKeyring';

/** Reads a keyring file a user names (armored or binary, never a keybox). */
export async function readKeyringFile(file: string) {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new CountersignError(
      'INVALID_KEYRING',
      `The keyring file ${JSON.stringify(file)} cannot be read.`,
    );
  }
  return readKeyring(new Uint8Array(bytes), `The keyring file ${JSON.stringify(file)}`);
}
