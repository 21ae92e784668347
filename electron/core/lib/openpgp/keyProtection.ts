import * as openpgp from 'openpgp';

type SecretPacket = openpgp.SecretKeyPacket | openpgp.SecretSubkeyPacket;

function secretPacketOf(key: openpgp.PrivateKey | openpgp.Subkey): SecretPacket | null {
  const packet = key.keyPacket;
  return packet instanceof openpgp.SecretKeyPacket || packet instanceof openpgp.SecretSubkeyPacket
    ? packet
    : null;
}

/**
 * Whether the file lacks this key's secret part: a GnuPG stub ("gnu-dummy",
 * from `--export-secret-subkeys` or a key on a smartcard), or a subkey
 * exported public only. Such a key cannot sign and needs no passphrase.
 */
export function isStub(key: openpgp.PrivateKey | openpgp.Subkey): boolean {
  const packet = secretPacketOf(key);
  return packet === null || packet.isDummy();
}

/**
 * How the secret parts present in the file are protected: all by a
 * passphrase, none, or some (which GnuPG never exports, but a file can hold).
 */
export function protectionOf(key: openpgp.PrivateKey): 'protected' | 'unprotected' | 'mixed' {
  const present = key.getKeys().filter((part) => !isStub(part));
  const encrypted = present.filter((part) => !part.keyPacket.isDecrypted()).length;
  if (encrypted === present.length) return 'protected';
  return encrypted === 0 ? 'unprotected' : 'mixed';
}
