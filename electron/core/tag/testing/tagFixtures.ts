import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { DemoRepo } from '../../lib/git/gitRepo';
import { type GitResult, runGit } from '../../lib/git/runGit';
import { GnupgHome } from '../../lib/gpg/gnupgHome';
import { readKeyring } from '../../lib/openpgp/readKeyring';
import type { VerifyTagInput } from '../verifyTag';

/*
 * Test support for step 1: one real git repository and one real GnuPG home
 * holding every tag-verification case, built once. Keys and signatures that
 * belong to the past (or the future) are made at a frozen, faked GnuPG time,
 * the way a maintainer's history would have made them.
 */

/** The maintainers' keys, by the role they play in the cases. */
export type FixtureKeyName =
  | 'rsa'
  | 'ed25519'
  | 'certifyOnly'
  | 'manyUserIds'
  | 'outsider'
  | 'revoked'
  | 'revokedSubkey'
  | 'retiredSubkey'
  | 'expiredAtSigning'
  | 'subkeyExpiredAtSigning'
  | 'expiredAfterSigning'
  | 'createdAfterSigning'
  | 'signingUsageRemoved';

export interface FixtureKey {
  userId: string;
  primary: string;
  /** The key that makes this maintainer's signatures: the primary or a signing subkey. */
  signingKey: string;
  /** Every subkey, in the order gpg lists them. */
  subkeys: string[];
  /** The public key as `gpg --export --armor` gives it, after everything that happened to it. */
  armored: string;
}

export type TagCaseName =
  | 'goodRsa'
  | 'goodEd25519'
  | 'goodSigningSubkey'
  | 'manyUserIds'
  | 'messageQuotesArmor'
  | 'lightweight'
  | 'unsigned'
  | 'tamperedMessage'
  | 'tamperedObject'
  | 'malformedSignature'
  | 'sshSignature'
  | 'unknownKey'
  | 'emptyTrustList'
  | 'revokedKey'
  | 'revokedSubkey'
  | 'retiredSubkey'
  | 'expiredAtSigning'
  | 'subkeyExpiredAtSigning'
  | 'expiredAfterSigning'
  | 'signedBeforeKeyCreation'
  | 'signedInFuture'
  | 'signingUsageRemoved'
  | 'renamed'
  | 'commitMismatch'
  | 'sha1';

export interface TagCase {
  /** The name under refs/tags/. */
  tag: string;
  /** The maintainers whose public keys the case's trust list holds. */
  trusted: FixtureKeyName[];
  /** The maintainer who signed the tag, or null when it carries no OpenPGP signature. */
  signedBy: FixtureKeyName | null;
  expectCommit?: string;
}

export interface TagFixtures {
  root: string;
  repo: DemoRepo;
  /** The maintainers' GnuPG home: secret keys, and every key's full history. */
  gpg: GnupgHome;
  commits: { first: string; release: string };
  keys: Record<FixtureKeyName, FixtureKey>;
  cases: Record<TagCaseName, TagCase>;
  /** Keyring files as a user might hand them over. */
  keyringFiles: { binary: string; keybox: string; notAKeyring: string };
  /** The case's trust list, read from the exported public keys as Countersign reads them. */
  trustedKeys(name: TagCaseName): Promise<openpgp.PublicKey[]>;
  verifyInput(name: TagCaseName): Promise<VerifyTagInput>;
  /**
   * `git verify-tag --raw` in the fixture repository, with a throwaway GnuPG
   * home holding only the case's trusted public keys (no ownertrust set):
   * what git alone says about the tag. Exit code 0 means git accepts it.
   */
  gitVerifyTag(name: TagCaseName): Promise<GitResult>;
  /** The same, for any tag and any set of armored public keys (in any repository). */
  gitVerifyTagWithKeys(tag: string, armoredKeys: string[], repoPath?: string): Promise<GitResult>;
  dispose(): Promise<void>;
}

// GnuPG's --faked-system-time, frozen.
const AT = {
  keys2020: '20200101T000000!',
  expiryChange: '20200102T000000!',
  mid2020: '20200601T000000!',
  afterMid2020: '20200602T000000!',
  early2021: '20210101T000000!',
  early2022: '20220101T000000!',
  keys2023: '20230101T000000!',
  keys2024: '20240101T000000!',
  mid2024: '20240601T000000!',
  farFuture: '20990101T000000!',
} as const;

// Tagger dates matching the faked signing times, so each tag reads consistently.
const TAGGER = {
  mid2020: '2020-06-01T00:00:00Z',
  early2021: '2021-01-01T00:00:00Z',
  early2022: '2022-01-01T00:00:00Z',
  mid2024: '2024-06-01T00:00:00Z',
  farFuture: '2099-01-01T00:00:00Z',
} as const;

const USER_IDS: Record<FixtureKeyName, string> = {
  rsa: 'Rita Rivest <rita@example.org>',
  ed25519: 'Dana Maintainer <dana@example.org>',
  certifyOnly: 'Carl Certify <carl@example.org>',
  manyUserIds: 'Mia Many <mia@example.org>',
  outsider: 'Mallory Outsider <mallory@example.net>',
  revoked: 'Rob Revoked <rob@example.org>',
  revokedSubkey: 'Sam Subkey <sam@example.org>',
  retiredSubkey: 'Ray Retired <ray@example.org>',
  expiredAtSigning: 'Eve Expired <eve@example.org>',
  subkeyExpiredAtSigning: 'Sue Lapsed <sue@example.org>',
  expiredAfterSigning: 'Lou Later <lou@example.org>',
  createdAfterSigning: 'Fay Future <fay@example.org>',
  signingUsageRemoved: 'Una Usage <una@example.org>',
};

/** The many-user-ID key's other identities; the second is made its primary user ID. */
export const EXTRA_USER_IDS = [
  'Mia Many <mia@work.example.com>',
  'Mia Many (release signing) <releases@project.example.org>',
  'M. Many <mia.many@home.example.net>',
] as const;

/** A message that quotes a signature block in the middle of its text. */
export const QUOTING_MESSAGE = [
  'hello 1.0.0',
  '',
  'The old tag carried this signature, kept here for the record:',
  '',
  '-----BEGIN PGP SIGNATURE-----',
  '',
  'iHUEABYKAB0WIQRmb3JnZWQgc2lnbmF0dXJlIGJsb2NrAAoJEG5vdCByZWFs',
  '-----END PGP SIGNATURE-----',
  '',
  'It is not part of this tag’s signature.',
].join('\n');

const NOT_OPENPGP = [
  '-----BEGIN PGP SIGNATURE-----',
  '',
  'VGhpcyBpcyBub3QgYW4gT3BlblBHUCBzaWduYXR1cmUu',
  '-----END PGP SIGNATURE-----',
  '',
].join('\n');

// The shape of `ssh-keygen -Y sign` output; git recognises the block by its armor line.
const SSH_SIGNATURE = [
  '-----BEGIN SSH SIGNATURE-----',
  'U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAg0000000000000000000000000000',
  '-----END SSH SIGNATURE-----',
  '',
].join('\n');

/**
 * Attaches `stranger`'s primary key to `trusted` as a subkey, with a binding
 * signature copied from one of `trusted`'s real subkeys, so it does not
 * verify: the key an attacker would hand over as "an update" of a trusted key.
 * The primary key, its fingerprint and its user IDs are untouched.
 */
export async function graftSubkey(
  trusted: openpgp.PublicKey,
  stranger: openpgp.PublicKey,
): Promise<openpgp.PublicKey> {
  const binding = trusted.subkeys[0]?.bindingSignatures[0];
  if (!binding) throw new Error('the trusted key needs a subkey to copy a binding signature from');
  const subkey = new openpgp.PublicSubkeyPacket();
  await subkey.read(stranger.keyPacket.write());
  const packets = trusted.toPacketList();
  packets.push(subkey, binding);
  return new openpgp.PublicKey(packets);
}

/**
 * Builds every case once (call it in beforeAll; a few seconds, mostly RSA key
 * generation) and returns the handles the tests need. Always dispose(): it
 * stops the GnuPG agents and deletes the keys and the repository.
 */
export async function buildTagFixtures(): Promise<TagFixtures> {
  const root = await mkdtemp(join(tmpdir(), 'cs-tags-'));
  const gpg = await GnupgHome.create();
  const verifyHomes = new Map<string, Promise<GnupgHome>>();
  const dispose = async () => {
    const homes = await Promise.allSettled([...verifyHomes.values()]);
    for (const home of homes) if (home.status === 'fulfilled') await home.value.dispose();
    await gpg.dispose();
    await rm(root, { recursive: true, force: true });
  };
  try {
    return await build(root, gpg, verifyHomes, dispose);
  } catch (error) {
    await dispose();
    throw error;
  }
}

async function build(
  root: string,
  gpg: GnupgHome,
  verifyHomes: Map<string, Promise<GnupgHome>>,
  dispose: () => Promise<void>,
): Promise<TagFixtures> {
  const repo = await DemoRepo.init(join(root, 'repo'));
  const first = await repo.commit(
    { 'README.md': '# hello\n' },
    'First commit',
    '2020-01-01T00:00:00Z',
  );
  const release = await repo.commit(
    { 'README.md': '# hello\n\nReleased.\n', 'src/hello.c': 'int main(void) { return 0; }\n' },
    'Release 1.0.0',
    '2020-05-01T00:00:00Z',
  );

  // Keys that sign today.
  const rsa = await gpg.generateKey(USER_IDS.rsa, { algo: 'rsa3072' });
  const ed25519 = await gpg.generateKey(USER_IDS.ed25519);
  const outsider = await gpg.generateKey(USER_IDS.outsider);
  const revoked = await gpg.generateKey(USER_IDS.revoked);
  const certifyOnly = await gpg.generateKey(USER_IDS.certifyOnly, { usage: 'cert' });
  const certifyOnlySigning = await gpg.addSubkey(certifyOnly, { usage: 'sign' });
  const revokedPrimary = await gpg.generateKey(USER_IDS.revokedSubkey, { usage: 'cert' });
  const revokedSubkey = await gpg.addSubkey(revokedPrimary, { usage: 'sign' });
  const usagePrimary = await gpg.generateKey(USER_IDS.signingUsageRemoved, { usage: 'cert' });
  const usageSubkey = await gpg.addSubkey(usagePrimary, { usage: 'sign' });

  // Many identities and subkeys (sign, encrypt, sign); it signs through the second signing subkey.
  const many = await gpg.generateKey(USER_IDS.manyUserIds, { usage: 'cert' });
  for (const userId of EXTRA_USER_IDS) await gpg.run(['--quick-add-uid', many, userId]);
  await gpg.run(['--quick-set-primary-uid', many, EXTRA_USER_IDS[1]]);
  await gpg.addSubkey(many, { usage: 'sign' });
  await gpg.addSubkey(many, { algo: 'cv25519', usage: 'encr' });
  const manySigning = await gpg.addSubkey(many, { usage: 'sign' });

  // Keys from the past: made on 2020-01-01 with no expiry, given one later.
  const expired = await gpg.generateKey(USER_IDS.expiredAtSigning, { fakedTime: AT.keys2020 });
  const lapsedPrimary = await gpg.generateKey(USER_IDS.subkeyExpiredAtSigning, {
    usage: 'cert',
    fakedTime: AT.keys2020,
  });
  const lapsedSubkey = await gpg.addSubkey(lapsedPrimary, {
    usage: 'sign',
    fakedTime: AT.keys2020,
  });
  const later = await gpg.generateKey(USER_IDS.expiredAfterSigning, { fakedTime: AT.keys2020 });
  // A key from 2024 whose signing subkey is retired (superseded) today, after signing in mid-2024.
  const retiredPrimary = await gpg.generateKey(USER_IDS.retiredSubkey, {
    usage: 'cert',
    fakedTime: AT.keys2024,
  });
  const retiredSubkey = await gpg.addSubkey(retiredPrimary, {
    usage: 'sign',
    fakedTime: AT.keys2024,
  });
  // A key made on 2023-01-01 that signs "on 2021-01-01".
  const future = await gpg.generateKey(USER_IDS.createdAfterSigning, { fakedTime: AT.keys2023 });

  const sha1Program = join(gpg.home, 'gpg-sha1.sh');
  await writeFile(sha1Program, '#!/bin/sh\nexec gpg --digest-algo SHA1 "$@"\n', { mode: 0o700 });
  const signedAt = async (fakedTime: string, date: string) => ({
    gpgProgram: await gpg.gpgProgramAt(fakedTime),
    date,
  });
  const sign = (
    name: string,
    message: string,
    key: string,
    options: Parameters<DemoRepo['signedTag']>[4] = {},
  ) => repo.signedTag(name, message, gpg, key, options);

  await sign('good-rsa', 'hello 1.0.0 (RSA)', rsa);
  await sign('good-ed25519', 'hello 1.0.0', ed25519);
  await sign('good-subkey', 'hello 1.0.0 (subkey)', certifyOnlySigning);
  await sign('many-user-ids', 'hello 1.0.0 (many user IDs)', manySigning);
  await sign('quotes-armor', QUOTING_MESSAGE, ed25519);
  await repo.lightweightTag('lightweight');
  await repo.annotatedTag('unsigned', 'hello 1.0.0 (not signed)');
  await sign('unknown-key', 'hello 1.0.0 (not from the maintainer)', outsider);
  await sign('revoked-key', 'hello 1.0.0 (key revoked later)', revoked);
  await sign('revoked-subkey', 'hello 1.0.0 (subkey revoked later)', revokedSubkey);
  await sign('usage-removed', 'hello 1.0.0 (subkey may no longer sign)', usageSubkey);
  await sign('v1.0.0-rc1', 'hello 1.0.0~rc1', ed25519);
  await sign('sha1', 'hello 1.0.0 (SHA-1)', rsa, { gpgProgram: sha1Program });
  await sign(
    'expired-at-signing',
    'hello 1.0.0 (signed 2022)',
    expired,
    await signedAt(AT.early2022, TAGGER.early2022),
  );
  await sign(
    'subkey-expired-at-signing',
    'hello 1.0.0 (signed 2022 by subkey)',
    lapsedSubkey,
    await signedAt(AT.early2022, TAGGER.early2022),
  );
  await sign(
    'expired-after-signing',
    'hello 1.0.0 (signed mid-2020)',
    later,
    await signedAt(AT.mid2020, TAGGER.mid2020),
  );
  await sign(
    'signed-before-key-creation',
    'hello 1.0.0 (signed 2021)',
    future,
    await signedAt(AT.early2021, TAGGER.early2021),
  );
  await sign(
    'retired-subkey',
    'hello 1.0.0 (subkey retired later)',
    retiredSubkey,
    await signedAt(AT.mid2024, TAGGER.mid2024),
  );
  await sign(
    'signed-in-future',
    'hello 1.0.0 (signed 2099)',
    ed25519,
    await signedAt(AT.farFuture, TAGGER.farFuture),
  );

  // Rewritten tags keep their own name in the `tag` header, so the rewrite is
  // the only thing wrong: each is signed, then overwritten in place.
  await sign('tampered-message', 'hello 1.0.0: reviewed and approved', ed25519);
  const approved = await repo.rawTag('tampered-message');
  await repo.writeTagObject('tampered-message', approved.replace('approved', 'rejected'));
  await sign('tampered-object', 'hello 1.0.0 (object swapped)', ed25519);
  const swapped = await repo.rawTag('tampered-object');
  await repo.writeTagObject(
    'tampered-object',
    swapped.replace(`object ${release}\n`, `object ${first}\n`),
  );
  await sign('malformed-signature', 'hello 1.0.0 (signature garbled)', ed25519);
  const garbled = await repo.rawTag('malformed-signature');
  await repo.writeTagObject(
    'malformed-signature',
    garbled.slice(0, garbled.indexOf('-----BEGIN PGP SIGNATURE-----')) + NOT_OPENPGP,
  );
  await repo.annotatedTag('ssh-signed', 'hello 1.0.0 (SSH)');
  await repo.writeTagObject('ssh-signed', (await repo.rawTag('ssh-signed')) + SSH_SIGNATURE);

  // The rc tag object, unchanged, published under another release's name.
  const rcObject = await repo.git(['rev-parse', 'refs/tags/v1.0.0-rc1']);
  await repo.git(['update-ref', 'refs/tags/v9.9.9', rcObject]);

  // What happened to the keys after they signed.
  await gpg.revokeKey(revoked);
  await gpg.revokeSubkey(revokedPrimary, revokedSubkey);
  // gpg's reasons: 0 none, 1 compromised (both "hard": void for all time), 2 superseded, 3 retired.
  await gpg.run(['--command-fd', '0', '--status-fd', '2', '--edit-key', retiredPrimary], {
    input: ['key 1', 'revkey', 'y', '2', 'Replaced by a new subkey', '', 'y', 'save', ''].join(
      '\n',
    ),
  });
  // On 2020-01-02 the newest self-signatures say: expires 2020-01-03 (one day later).
  await gpg.setExpiry(expired, '1d', [], AT.expiryChange);
  await gpg.setExpiry(lapsedPrimary, '1d', [lapsedSubkey], AT.expiryChange);
  await gpg.setExpiry(later, '2021-01-01', [], AT.afterMid2020);
  // The signing subkey becomes authentication-only (gpg's change-usage: toggle S, toggle A).
  await gpg.run(['--command-fd', '0', '--status-fd', '2', '--edit-key', usagePrimary], {
    input: ['key 1', 'change-usage', 'S', 'A', 'Q', 'save', ''].join('\n'),
  });

  const keyOf = async (name: FixtureKeyName, primary: string, signingKey = primary) => ({
    userId: USER_IDS[name],
    primary,
    signingKey,
    subkeys: await gpg.subkeyFingerprints(primary),
    armored: await gpg.exportPublic(primary),
  });
  const keys: Record<FixtureKeyName, FixtureKey> = {
    rsa: await keyOf('rsa', rsa),
    ed25519: await keyOf('ed25519', ed25519),
    certifyOnly: await keyOf('certifyOnly', certifyOnly, certifyOnlySigning),
    manyUserIds: await keyOf('manyUserIds', many, manySigning),
    outsider: await keyOf('outsider', outsider),
    revoked: await keyOf('revoked', revoked),
    revokedSubkey: await keyOf('revokedSubkey', revokedPrimary, revokedSubkey),
    retiredSubkey: await keyOf('retiredSubkey', retiredPrimary, retiredSubkey),
    expiredAtSigning: await keyOf('expiredAtSigning', expired),
    subkeyExpiredAtSigning: await keyOf('subkeyExpiredAtSigning', lapsedPrimary, lapsedSubkey),
    expiredAfterSigning: await keyOf('expiredAfterSigning', later),
    createdAfterSigning: await keyOf('createdAfterSigning', future),
    signingUsageRemoved: await keyOf('signingUsageRemoved', usagePrimary, usageSubkey),
  };

  const signedBy = (key: FixtureKeyName, tag: string, trusted: FixtureKeyName[] = [key]) => ({
    tag,
    trusted,
    signedBy: key,
  });
  const cases: Record<TagCaseName, TagCase> = {
    goodRsa: signedBy('rsa', 'good-rsa'),
    goodEd25519: signedBy('ed25519', 'good-ed25519', ['ed25519', 'rsa']),
    goodSigningSubkey: signedBy('certifyOnly', 'good-subkey'),
    manyUserIds: signedBy('manyUserIds', 'many-user-ids', ['ed25519', 'manyUserIds']),
    messageQuotesArmor: signedBy('ed25519', 'quotes-armor'),
    lightweight: { tag: 'lightweight', trusted: ['ed25519'], signedBy: null },
    unsigned: { tag: 'unsigned', trusted: ['ed25519'], signedBy: null },
    tamperedMessage: signedBy('ed25519', 'tampered-message'),
    tamperedObject: signedBy('ed25519', 'tampered-object'),
    malformedSignature: { tag: 'malformed-signature', trusted: ['ed25519'], signedBy: null },
    sshSignature: { tag: 'ssh-signed', trusted: ['ed25519'], signedBy: null },
    unknownKey: signedBy('outsider', 'unknown-key', ['ed25519', 'rsa']),
    emptyTrustList: signedBy('ed25519', 'good-ed25519', []),
    revokedKey: signedBy('revoked', 'revoked-key'),
    revokedSubkey: signedBy('revokedSubkey', 'revoked-subkey'),
    retiredSubkey: signedBy('retiredSubkey', 'retired-subkey'),
    expiredAtSigning: signedBy('expiredAtSigning', 'expired-at-signing'),
    subkeyExpiredAtSigning: signedBy('subkeyExpiredAtSigning', 'subkey-expired-at-signing'),
    expiredAfterSigning: signedBy('expiredAfterSigning', 'expired-after-signing'),
    signedBeforeKeyCreation: signedBy('createdAfterSigning', 'signed-before-key-creation'),
    signedInFuture: signedBy('ed25519', 'signed-in-future'),
    signingUsageRemoved: signedBy('signingUsageRemoved', 'usage-removed'),
    renamed: signedBy('ed25519', 'v9.9.9'),
    commitMismatch: { ...signedBy('ed25519', 'good-ed25519'), expectCommit: first },
    sha1: signedBy('rsa', 'sha1'),
  };

  const binary = join(root, 'maintainers.gpg');
  await gpg.run(['--export', '--output', binary, ed25519, rsa]);
  const notAKeyring = join(root, 'maintainers.txt');
  await writeFile(notAKeyring, `Dana's fingerprint is ${ed25519}; ask her for the key file.\n`);

  const armoredFor = (names: FixtureKeyName[]) => names.map((name) => keys[name].armored);

  const trustedKeys = async (name: TagCaseName) => {
    const lists = await Promise.all(
      armoredFor(cases[name].trusted).map((armored) =>
        readKeyring(Buffer.from(armored, 'utf8'), `the ${name} trust list`),
      ),
    );
    return lists.flat();
  };

  // One throwaway home per distinct key set, made on first use.
  const verifyHomeFor = (armoredKeys: string[]) => {
    const id = createHash('sha256')
      .update([...armoredKeys].sort().join('\n'))
      .digest('hex');
    let home = verifyHomes.get(id);
    if (!home) {
      home = GnupgHome.create().then(async (fresh) => {
        if (armoredKeys.length > 0)
          await fresh.run(['--import'], { input: armoredKeys.join('\n') });
        return fresh;
      });
      verifyHomes.set(id, home);
    }
    return home;
  };

  const gitVerifyTagWithKeys = async (tag: string, armoredKeys: string[], repoPath = repo.path) => {
    const home = await verifyHomeFor(armoredKeys);
    return runGit(['verify-tag', '--raw', tag], {
      cwd: repoPath,
      // Only this home's keys and git's defaults: no user or system config (gpg.program etc.).
      env: { GNUPGHOME: home.home, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    });
  };

  return {
    root,
    repo,
    gpg,
    commits: { first, release },
    keys,
    cases,
    keyringFiles: { binary, keybox: join(gpg.home, 'pubring.kbx'), notAKeyring },
    trustedKeys,
    verifyInput: async (name) => ({
      repo: repo.path,
      tag: cases[name].tag,
      trustedKeys: await trustedKeys(name),
      ...(cases[name].expectCommit ? { expectCommit: cases[name].expectCommit } : {}),
    }),
    gitVerifyTag: (name) => gitVerifyTagWithKeys(cases[name].tag, armoredFor(cases[name].trusted)),
    gitVerifyTagWithKeys,
    dispose,
  };
}
