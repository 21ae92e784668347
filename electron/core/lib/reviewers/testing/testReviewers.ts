import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GnupgHome } from '../../gpg/gnupgHome';

/** A reviewer as the tests make one: a GnuPG signing key with a passphrase, and their own Countersign home. */
export interface TestReviewer {
  name: string;
  fingerprint: string;
  publicKey: string;
  /** Armored, still protected by the passphrase, as a reviewer imports it. */
  secretKey: string;
  passphrase: string;
  home: string;
}

/** Makes a reviewer's key with real GnuPG (`algo`: rsa3072, ed25519, …) and a fresh home for them. */
export async function makeReviewer(
  gpg: GnupgHome,
  name: string,
  algo: string,
  homePrefix = 'cs-reviewer',
): Promise<TestReviewer> {
  const passphrase = `${name} passphrase`;
  const fingerprint = await gpg.generateKey(`${name} <${name.toLowerCase()}@example.org>`, {
    algo,
    usage: 'sign',
    passphrase,
  });
  return {
    name,
    fingerprint,
    publicKey: await gpg.exportPublic(fingerprint),
    secretKey: await gpg.exportSecret(fingerprint, { passphrase }),
    passphrase,
    home: await mkdtemp(join(tmpdir(), `${homePrefix}-${name.toLowerCase()}-`)),
  };
}

/** Runs `fn` with COUNTERSIGN_HOME pointing at this reviewer's own home. */
export async function asReviewer<T>(reviewer: TestReviewer, fn: () => Promise<T>): Promise<T> {
  const previous = process.env.COUNTERSIGN_HOME;
  process.env.COUNTERSIGN_HOME = reviewer.home;
  try {
    return await fn();
  } finally {
    process.env.COUNTERSIGN_HOME = previous;
  }
}
