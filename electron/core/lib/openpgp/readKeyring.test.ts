import { createHash } from 'node:crypto';
import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { CountersignError } from '../../../../shared/errors';
import { keyBytesFromText, readKeyring } from './readKeyring';

type KeyPair = Awaited<ReturnType<typeof makeKey>>;

function makeKey(name: string) {
  return openpgp.generateKey({
    userIDs: [{ name, email: `${name.toLowerCase()}@example.org` }],
    type: 'curve25519',
    format: 'object',
  });
}

const fingerprint = (key: openpgp.Key) => key.getFingerprint().toUpperCase();
const text = (value: string) => new TextEncoder().encode(value);

/** Bytes that look random but are the same on every run. */
function noise(length: number): Uint8Array {
  const chunks: Buffer[] = [];
  for (let i = 0; chunks.length * 32 < length; i++) {
    chunks.push(createHash('sha256').update(`noise ${i}`).digest());
  }
  return new Uint8Array(Buffer.concat(chunks).subarray(0, length));
}

/** The header GnuPG writes at the start of pubring.kbx: a blob length, type 1, version 1, "KBXf". */
function keyboxHeader(): Uint8Array {
  const header = Buffer.alloc(32);
  header.writeUInt32BE(32, 0);
  header.writeUInt8(1, 4);
  header.writeUInt8(1, 5);
  header.write('KBXf', 8, 'latin1');
  return new Uint8Array(header);
}

async function expectError(promise: Promise<unknown>, code: string): Promise<CountersignError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(CountersignError);
  expect(error).toMatchObject({ code });
  return error as CountersignError;
}

let dana: KeyPair;
let erin: KeyPair;

beforeAll(async () => {
  [dana, erin] = await Promise.all([makeKey('Dana'), makeKey('Erin')]);
});

describe('readKeyring', () => {
  it('reads an armored public key', async () => {
    const keys = await readKeyring(text(dana.publicKey.armor()), 'dana.asc');
    expect(keys.map(fingerprint)).toEqual([fingerprint(dana.publicKey)]);
    expect(keys[0]?.isPrivate()).toBe(false);
  });

  it('reads a binary key, as `gpg --export` writes it', async () => {
    const keys = await readKeyring(dana.publicKey.write(), 'dana.gpg');
    expect(keys.map(fingerprint)).toEqual([fingerprint(dana.publicKey)]);
  });

  it('reads every key of a binary keyring, as Debian ships them', async () => {
    const keyring = new Uint8Array([...dana.publicKey.write(), ...erin.publicKey.write()]);
    const keys = await readKeyring(keyring, 'debian-keyring.gpg');
    expect(keys.map(fingerprint)).toEqual([
      fingerprint(dana.publicKey),
      fingerprint(erin.publicKey),
    ]);
  });

  it('reads an armored key with explanatory text around it', async () => {
    const file = `Dana's release key, checked in person on 2025-12-01.\n\n${dana.publicKey.armor()}\nThanks!\n`;
    const keys = await readKeyring(text(file), 'README-key.txt');
    expect(keys.map(fingerprint)).toEqual([fingerprint(dana.publicKey)]);
  });

  // openpgp.readKeys reads only the first armor block; `cat dana.asc erin.asc`
  // must not silently drop the second maintainer (GnuPG imports both).
  it('reads every key of a file that concatenates armored keys', async () => {
    const file = `${dana.publicKey.armor()}\n${erin.publicKey.armor()}`;
    const keys = await readKeyring(text(file), 'maintainers.asc');
    expect(keys.map(fingerprint)).toEqual([
      fingerprint(dana.publicKey),
      fingerprint(erin.publicKey),
    ]);
  });

  it('keeps only the public part of a private key', async () => {
    const keys = await readKeyring(text(dana.privateKey.armor()), 'dana-secret.asc');
    expect(keys.map(fingerprint)).toEqual([fingerprint(dana.publicKey)]);
    expect(keys[0]?.isPrivate()).toBe(false);
    expect(keys[0]?.armor()).not.toContain('PRIVATE KEY');
  });

  it('names a GnuPG keybox as such, with the export command as the way out', async () => {
    const keybox = new Uint8Array([...keyboxHeader(), ...dana.publicKey.write()]);
    const error = await expectError(readKeyring(keybox, 'pubring.kbx'), 'KEYBOX_FORMAT');
    expect(error.message).toContain('pubring.kbx');
    expect(error.hint).toContain('gpg --export');
  });

  it('refuses random bytes as not a keyring', async () => {
    const error = await expectError(readKeyring(noise(4096), 'noise.bin'), 'INVALID_KEYRING');
    expect(error.message).toContain('noise.bin');
  });

  it('refuses plain text as not a keyring', async () => {
    await expectError(
      readKeyring(text('fingerprint: 0D25 11F3 22BF AB1C 1580\n'), 'notes.txt'),
      'INVALID_KEYRING',
    );
  });

  it('refuses an empty file', async () => {
    await expectError(readKeyring(new Uint8Array(), 'empty.asc'), 'INVALID_KEYRING');
  });

  it('refuses an armored signature, which is OpenPGP but not a key', async () => {
    // The key's own self-signature, armored alone: a "-----BEGIN PGP SIGNATURE-----" block.
    const packets = new openpgp.PacketList<openpgp.SignaturePacket>();
    packets.push(...(dana.publicKey.users[0]?.selfCertifications ?? []));
    const signature = new openpgp.Signature(packets).armor();
    expect(signature).toContain('-----BEGIN PGP SIGNATURE-----');
    await expectError(readKeyring(text(signature), 'tag.sig'), 'INVALID_KEYRING');
  });

  it('refuses a truncated armored key', async () => {
    const armored = dana.publicKey.armor();
    await expectError(
      readKeyring(text(armored.slice(0, armored.length / 2)), 'cut.asc'),
      'INVALID_KEYRING',
    );
  });
});

describe('keyBytesFromText', () => {
  it('passes armored text through as UTF-8', () => {
    expect(Buffer.from(keyBytesFromText('-----BEGIN PGP')).toString('utf8')).toBe('-----BEGIN PGP');
  });

  it('decodes "base64:" text to the binary keyring it carries', async () => {
    const binary = dana.publicKey.write();
    const bytes = keyBytesFromText(`base64:${Buffer.from(binary).toString('base64')}`);
    expect(Buffer.from(bytes).equals(Buffer.from(binary))).toBe(true);
    expect((await readKeyring(bytes, 'upload')).map(fingerprint)).toEqual([
      fingerprint(dana.publicKey),
    ]);
  });
});
