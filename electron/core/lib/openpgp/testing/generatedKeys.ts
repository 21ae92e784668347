import * as openpgp from 'openpgp';
import { expect } from 'vitest';
import { CountersignError } from '../../../../../shared/errors';

/** A passphrase for test keys; tests look for it where it must never appear. */
export const TEST_PASSPHRASE = 'correct horse battery staple';

/**
 * An armored private key made by openpgp.js, for unit tests (the integration
 * tests use keys made by GnuPG). Ed25519 unless told otherwise; protected by
 * TEST_PASSPHRASE unless `passphrase` is ''.
 */
export async function generatedKey(
  options: {
    type?: 'curve25519' | 'curve25519Legacy' | 'rsa';
    rsaBits?: number;
    v6?: boolean;
    passphrase?: string;
    date?: Date;
    keyExpirationTime?: number;
    signingSubkeys?: number;
  } = {},
): Promise<{ armored: string; publicKey: openpgp.PublicKey }> {
  const type = options.type ?? 'curve25519Legacy';
  const passphrase = options.passphrase ?? TEST_PASSPHRASE;
  const { privateKey, publicKey } = await openpgp.generateKey({
    ...(type === 'rsa'
      ? { type: 'rsa' as const, rsaBits: options.rsaBits ?? 2048 }
      : type === 'curve25519'
        ? { type: 'curve25519' as const }
        : { type: 'ecc' as const, curve: 'curve25519Legacy' as const }),
    userIDs: [{ name: 'Example Release', email: 'release@example.org' }],
    ...(passphrase ? { passphrase } : {}),
    ...(options.date ? { date: options.date } : {}),
    ...(options.keyExpirationTime ? { keyExpirationTime: options.keyExpirationTime } : {}),
    subkeys: [{}, ...Array.from({ length: options.signingSubkeys ?? 0 }, () => ({ sign: true }))],
    format: 'armored',
    config: { v6Keys: options.v6 ?? false, minRSABits: 1024 },
  });
  return { armored: privateKey, publicKey: await openpgp.readKey({ armoredKey: publicKey }) };
}

/** The CountersignError a promise rejects with; fails the test on success or another error. */
export async function refusal(promise: Promise<unknown>): Promise<CountersignError> {
  const outcome: unknown = await promise.then(
    () => 'resolved instead of refusing',
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(CountersignError);
  return outcome as CountersignError;
}
