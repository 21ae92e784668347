import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type * as openpgp from 'openpgp';
import { CountersignError } from '../../../shared/errors';
import type { KeySource, KeysInspection } from '../../../shared/projectSetup';
import { describeSigner, fingerprintOf } from '../lib/openpgp/keyFacts';
import { keyBytesFromText, readKeyring } from '../lib/openpgp/readKeyring';
import { refuseSecretKey } from '../lib/openpgp/secretKeyGuard';

const MAX_KEY_FILE_BYTES = 4 * 1024 * 1024;

/** A person's words for where a key came from, quoted so a hostile path reads as data. */
function described(source: KeySource): string {
  switch (source.kind) {
    case 'file':
      return `The key file ${JSON.stringify(source.path)}`;
    case 'gpg':
      return `The key ${source.fingerprint} from your GnuPG keyring`;
    case 'armored':
      return 'The pasted key';
  }
}

/** `gpg --export FINGERPRINT` from the user's own keyring (their GNUPGHOME), public keys only. */
function exportFromGnupg(fingerprint: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const child = spawn('gpg', ['--batch', '--no-tty', '--export', fingerprint], {
      env: { ...process.env, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_KEY_FILE_BYTES) chunks.push(chunk);
    });
    child.stderr.resume();
    child.on('error', () =>
      reject(
        new CountersignError(
          'TOOL_MISSING',
          'GnuPG (gpg) could not be started to export the key.',
          'Install it (apt-get install gnupg), or give the key as a file: gpg --export --armor FINGERPRINT > key.asc',
        ),
      ),
    );
    child.on('close', () => resolve(new Uint8Array(Buffer.concat(chunks))));
  });
}

async function bytesOf(source: KeySource): Promise<Uint8Array> {
  switch (source.kind) {
    case 'armored':
      return keyBytesFromText(source.text);
    case 'file': {
      const bytes = await readFile(source.path).catch(() => null);
      if (!bytes) {
        throw new CountersignError(
          'INVALID_KEYRING',
          `${described(source)} cannot be read.`,
          'Check the path; the file must be readable by the user Countersign runs as.',
        );
      }
      if (bytes.length > MAX_KEY_FILE_BYTES) {
        throw new CountersignError(
          'NOT_OPENPGP',
          `${described(source)} is ${bytes.length} bytes, more than any OpenPGP public key.`,
        );
      }
      return new Uint8Array(bytes);
    }
    case 'gpg': {
      const bytes = await exportFromGnupg(source.fingerprint.replace(/^0x/i, '').toUpperCase());
      if (bytes.length === 0) {
        throw new CountersignError(
          'KEY_NOT_IN_KEYRING',
          `${described(source)} is not there: gpg --export found no key with that fingerprint.`,
          'List your keys with: gpg --list-keys --with-fingerprint. Or give the key as a file.',
        );
      }
      return bytes;
    }
  }
}

/** Reads one source's public keys; a secret key or anything not OpenPGP is refused. */
async function readSource(source: KeySource): Promise<openpgp.PublicKey[]> {
  const bytes = await bytesOf(source);
  refuseSecretKey(bytes, described(source));
  const keys = await readKeyring(bytes, described(source)).catch((error: unknown) => {
    if (error instanceof CountersignError && error.code === 'INVALID_KEYRING') {
      throw new CountersignError(
        'NOT_OPENPGP',
        `${described(source)} is not an OpenPGP key.`,
        error.hint,
      );
    }
    throw error;
  });
  if (source.kind === 'gpg') {
    const wanted = source.fingerprint.replace(/^0x/i, '').toUpperCase();
    const match = keys.filter((key) => fingerprintOf(key) === wanted);
    // gpg also matches subkeys: the trust list pins the primary that holds it.
    return match.length > 0 ? match : keys.slice(0, 1);
  }
  return keys;
}

/** Every key the sources hold, each once (by its primary fingerprint), in the order given. */
export async function readKeySources(sources: KeySource[]): Promise<openpgp.PublicKey[]> {
  const byFingerprint = new Map<string, openpgp.PublicKey>();
  for (const source of sources) {
    for (const key of await readSource(source)) {
      const fingerprint = fingerprintOf(key);
      const held = byFingerprint.get(fingerprint);
      byFingerprint.set(fingerprint, held ? await held.update(key) : key);
    }
  }
  return [...byFingerprint.values()];
}

/** Each key as a person judges it before trusting it: fingerprint, user IDs, subkeys. */
export async function inspectKeys(sources: KeySource[]): Promise<KeysInspection> {
  const keys = await readKeySources(sources);
  return { keys: await Promise.all(keys.map((key) => describeSigner(key))) };
}
