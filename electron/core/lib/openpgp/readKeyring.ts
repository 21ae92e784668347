import * as openpgp from 'openpgp';
import { CountersignError } from '../../../../shared/errors';

/** GnuPG 2.1+ keeps public keys in a keybox ("KBXf" at byte 8), which is not OpenPGP. */
function isKeybox(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && Buffer.from(bytes.subarray(8, 12)).toString('latin1') === 'KBXf';
}

function looksArmored(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 64 * 1024))
    .toString('latin1')
    .includes('-----BEGIN PGP ');
}

/** openpgp.js reads only the first armor block; files made by `cat a.asc b.asc` hold several. */
async function readArmoredBlocks(text: string): Promise<openpgp.Key[]> {
  const blocks = text.match(
    /-----BEGIN PGP (PUBLIC|PRIVATE) KEY BLOCK-----[\s\S]*?-----END PGP \1 KEY BLOCK-----/g,
  );
  if (!blocks) throw new Error('no key block found');
  const keys = await Promise.all(blocks.map((block) => openpgp.readKeys({ armoredKeys: block })));
  return keys.flat();
}

/**
 * Reads OpenPGP public keys from armored or binary bytes (a keyring file as
 * Debian ships them, or one exported key). Private keys are reduced to their
 * public part: a trust list never holds secrets.
 */
export async function readKeyring(bytes: Uint8Array, source: string): Promise<openpgp.PublicKey[]> {
  if (isKeybox(bytes)) {
    throw new CountersignError(
      'KEYBOX_FORMAT',
      `${source} is a GnuPG keybox (pubring.kbx), which only GnuPG can read.`,
      'Export the keys as OpenPGP first: gpg --export --armor FINGERPRINT > maintainer.asc',
    );
  }
  let keys: openpgp.Key[];
  try {
    keys = looksArmored(bytes)
      ? await readArmoredBlocks(Buffer.from(bytes).toString('utf8'))
      : await openpgp.readKeys({ binaryKeys: bytes });
  } catch (error) {
    throw new CountersignError(
      'INVALID_KEYRING',
      `${source} does not hold OpenPGP public keys Countersign can read.`,
      `Give an armored key (gpg --export --armor) or a binary keyring. Reader said: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
  if (keys.length === 0) {
    throw new CountersignError('INVALID_KEYRING', `${source} holds no OpenPGP keys.`);
  }
  return keys.map((key) => (key.isPrivate() ? key.toPublic() : key));
}

/** Accepts what a UI or HTTP client sends: armored text, or "base64:" + binary. */
export function keyBytesFromText(text: string): Uint8Array {
  if (text.startsWith('base64:')) return new Uint8Array(Buffer.from(text.slice(7), 'base64'));
  return new Uint8Array(Buffer.from(text, 'utf8'));
}
