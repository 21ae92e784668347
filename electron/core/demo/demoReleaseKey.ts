import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { readReleaseKey, storeReleaseKey } from '../lib/openpgp/index';

export const RELEASE_UID = 'Countersign Demo Release <release@example.org>';

/** The demo's release key as the demo prints it. */
export interface DemoReleaseKey {
  /** Relative to the demo folder (where project.json is). */
  file: string;
  fingerprint: string;
  /** Printed so the demo can be promoted; a real release key's passphrase is never written down. */
  passphrase: string;
  passphraseFile: string;
  /** The release key's public half (armored), as users of apt-prod get it. */
  publicKeyFile: string;
}

/**
 * A release key like a release manager would hold: Ed25519, protected by a
 * passphrase, imported into the project encrypted, through the same checks as
 * an import from the UI. The passphrase is random and printed; it is also
 * written beside the key for the CLI demo (`--passphrase-file`), which only a
 * demo may do.
 */
export async function createDemoReleaseKey(dir: string, created: Date): Promise<DemoReleaseKey> {
  const passphrase = randomBytes(9).toString('base64url');
  const { privateKey, publicKey } = await openpgp.generateKey({
    // GnuPG's Ed25519 (EdDSA, v4): what apt's gpgv verifies.
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Countersign Demo Release', email: 'release@example.org' }],
    passphrase,
    date: created,
    format: 'armored',
  });
  const key = await readReleaseKey(privateKey, {});
  const file = await storeReleaseKey(dir, key);
  const passphraseFile = join(dir, 'keys', 'release-key.passphrase');
  await writeFile(passphraseFile, `${passphrase}\n`, { mode: 0o600 });
  const publicKeyFile = join(dir, 'keys', 'release-public.asc');
  await writeFile(publicKeyFile, publicKey);
  return { file, fingerprint: key.info.fingerprint, passphrase, passphraseFile, publicKeyFile };
}
