import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as openpgp from 'openpgp';
import { DemoRepo } from '../demo/gitRepo';
import { type GitResult, runGit } from '../git/runGit';
import { GnupgHome } from '../gpg/gnupgHome';
import { readKeyring } from '../signers/readKeyring';
import type { VerifyTagInput } from './verifyTag';

/**
 * Test support for step 1: one real git repository and one real GnuPG home
 * holding every tag-verification case, built once. Keys and signatures that
 * belong to the past are made at a frozen, faked GnuPG time, the way a
 * maintainer's history would have made them.
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
  | 'expiredAtSigning'
  | 'subkeyExpiredAtSigning'
  | 'expiredAfterSigning'
  | 'createdAfterSigning';

export interface FixtureKey {
  userId: string;
  primary: string;
  /** The key that makes this maintainer's signatures: the primary or a signing subkey. */
  signingKey: string;
  /** Every subkey, in the order gpg lists them. */
  subkeys: string[];
}

export type TagCaseName =
  | 'goodRsa'
  | 'goodEd25519'
  | 'goodSigningSubkey'
  | 'manyUserIds'
  | 'lightweight'
  | 'unsigned'
  | 'tamperedMessage'
  | 'tamperedObject'
  | 'unknownKey'
  | 'emptyTrustList'
  | 'revokedKey'
  | 'revokedSubkey'
  | 'expiredAtSigning'
  | 'subkeyExpiredAtSigning'
  | 'expiredAfterSigning'
  | 'signedBeforeKeyCreation'
  | 'renamed'
  | 'commitMismatch'
  | 'sha1';

export interface TagCase {
  /** The name under refs/tags/. */
  tag: string;
  /** The maintainers whose public keys the case's trust list holds. */
  trusted: FixtureKeyName[];
  /** The maintainer who signed the tag, or null when it carries no signature. */
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
   * what git alone would say about the tag.
   */
  gitVerifyTag(name: TagCaseName): Promise<GitResult>;
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
} as const;

// Tagger dates matching the faked signing times, so each tag reads consistently.
const TAGGER = {
  mid2020: '2020-06-01T00:00:00Z',
  early2021: '2021-01-01T00:00:00Z',
  early2022: '2022-01-01T00:00:00Z',
} as const;

const USER_IDS: Record<FixtureKeyName, string> = {
  rsa: 'Rita Rivest <rita@example.org>',
  ed25519: 'Dana Maintainer <dana@example.org>',
  certifyOnly: 'Carl Certify <carl@example.org>',
  manyUserIds: 'Mia Many <mia@example.org>',
  outsider: 'Mallory Outsider <mallory@example.net>',
  revoked: 'Rob Revoked <rob@example.org>',
  revokedSubkey: 'Sam Subkey <sam@example.org>',
  expiredAtSigning: 'Eve Expired <eve@example.org>',
  subkeyExpiredAtSigning: 'Sue Lapsed <sue@example.org>',
  expiredAfterSigning: 'Lou Later <lou@example.org>',
  createdAfterSigning: 'Fay Future <fay@example.org>',
};

/** The extra identities of the many-user-ID key; the last one is made primary. */
export const EXTRA_USER_IDS = [
  'Mia Many <mia@work.example.com>',
  'Mia Many (release signing) <releases@project.example.org>',
  'M. Many <mia.many@home.example.net>',
];

async function keyOf(gpg: GnupgHome, name: FixtureKeyName, primary: string, signingKey = primary) {
  return {
    userId: USER_IDS[name],
    primary,
    signingKey,
    subkeys: await gpg.subkeyFingerprints(primary),
  };
}

/**
 * Builds every case once (call it in beforeAll; ~10 s, mostly RSA key
 * generation) and returns the handles the tests need. Always dispose().
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

  // Keys signed with today: good, unknown, revoked (revocation comes after signing).
  const rsa = await gpg.generateKey(USER_IDS.rsa, { algo: 'rsa3072' });
  const ed25519 = await gpg.generateKey(USER_IDS.ed25519);
  const outsider = await gpg.generateKey(USER_IDS.outsider);
  const revoked = await gpg.generateKey(USER_IDS.revoked);

  const certifyOnly = await gpg.generateKey(USER_IDS.certifyOnly, { usage: 'cert' });
  const certifyOnlySigning = await gpg.addSubkey(certifyOnly, { usage: 'sign' });

  const revokedSubkeyPrimary = await gpg.generateKey(USER_IDS.revokedSubkey, { usage: 'cert' });
  const revokedSubkey = await gpg.addSubkey(revokedSubkeyPrimary, { usage: 'sign' });

  // Many identities and subkeys (sign, encrypt, sign); it signs through the second signing subkey.
  const many = await gpg.generateKey(USER_IDS.manyUserIds, { usage: 'cert' });
  for (const userId of EXTRA_USER_IDS) await gpg.run(['--quick-add-uid', many, userId]);
  await gpg.run(['--quick-set-primary-uid', many, EXTRA_USER_IDS[1] ?? '']);
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
  // A key made on 2023-01-01 that signs "on 2021-01-01".
  const future = await gpg.generateKey(USER_IDS.createdAfterSigning, { fakedTime: AT.keys2023 });

  const sha1Program = join(gpg.home, 'gpg-sha1.sh');
  await writeFile(sha1Program, '#!/bin/sh\nexec gpg --digest-algo SHA1 "$@"\n', { mode: 0o700 });

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
  await repo.lightweightTag('lightweight');
  await repo.annotatedTag('unsigned', 'hello 1.0.0 (not signed)');
  await sign('unknown-key', 'hello 1.0.0 (not from the maintainer)', outsider);
  await sign('revoked-key', 'hello 1.0.0 (key revoked later)', revoked);
  await sign('revoked-subkey', 'hello 1.0.0 (subkey revoked later)', revokedSubkey);
  await sign('v1.0.0-rc1', 'hello 1.0.0~rc1', ed25519);
  await sign('sha1', 'hello 1.0.0 (SHA-1)', rsa, { gpgProgram: sha1Program });

  await sign('expired-at-signing', 'hello 1.0.0 (signed 2022)', expired, {
    gpgProgram: await gpg.gpgProgramAt(AT.early2022),
    date: TAGGER.early2022,
  });
  await sign('subkey-expired-at-signing', 'hello 1.0.0 (signed 2022 by subkey)', lapsedSubkey, {
    gpgProgram: await gpg.gpgProgramAt(AT.early2022),
    date: TAGGER.early2022,
  });
  await sign('expired-after-signing', 'hello 1.0.0 (signed mid-2020)', later, {
    gpgProgram: await gpg.gpgProgramAt(AT.mid2020),
    date: TAGGER.mid2020,
  });
  await sign('signed-before-key-creation', 'hello 1.0.0 (signed 2021)', future, {
    gpgProgram: await gpg.gpgProgramAt(AT.early2021),
    date: TAGGER.early2021,
  });

  // Tampering keeps each tag's own name in its `tag` header, so the broken
  // signature is the only thing wrong: the signed tag is overwritten in place.
  await sign('tampered-message', 'hello 1.0.0: reviewed and approved', ed25519);
  const message = await repo.rawTag('tampered-message');
  await repo.writeTagObject(
    'tampered-message',
    message.replace('reviewed and approved', 'reviewed and rejected'),
  );
  await sign('tampered-object', 'hello 1.0.0 (object swapped)', ed25519);
  const object = await repo.rawTag('tampered-object');
  await repo.writeTagObject(
    'tampered-object',
    object.replace(`object ${release}\n`, `object ${first}\n`),
  );

  // The rc tag object, unchanged, published under another release's name.
  const rcObject = await repo.git(['rev-parse', 'refs/tags/v1.0.0-rc1']);
  await repo.git(['update-ref', 'refs/tags/v9.9.9', rcObject]);

  // What happened to the keys after they signed.
  await gpg.revokeKey(revoked);
  await gpg.revokeSubkey(revokedSubkeyPrimary, revokedSubkey);
  // On 2020-01-02 the newest self-signatures say: expires 2020-01-03 (one day later).
  await gpg.setExpiry(expired, '1d', [], AT.expiryChange);
  await gpg.setExpiry(lapsedPrimary, '1d', [lapsedSubkey], AT.expiryChange);
  await gpg.setExpiry(later, '2021-01-01', [], AT.afterMid2020);

  const keys: Record<FixtureKeyName, FixtureKey> = {
    rsa: await keyOf(gpg, 'rsa', rsa),
    ed25519: await keyOf(gpg, 'ed25519', ed25519),
    certifyOnly: await keyOf(gpg, 'certifyOnly', certifyOnly, certifyOnlySigning),
    manyUserIds: await keyOf(gpg, 'manyUserIds', many, manySigning),
    outsider: await keyOf(gpg, 'outsider', outsider),
    revoked: await keyOf(gpg, 'revoked', revoked),
    revokedSubkey: await keyOf(gpg, 'revokedSubkey', revokedSubkeyPrimary, revokedSubkey),
    expiredAtSigning: await keyOf(gpg, 'expiredAtSigning', expired),
    subkeyExpiredAtSigning: await keyOf(gpg, 'subkeyExpiredAtSigning', lapsedPrimary, lapsedSubkey),
    expiredAfterSigning: await keyOf(gpg, 'expiredAfterSigning', later),
    createdAfterSigning: await keyOf(gpg, 'createdAfterSigning', future),
  };

  const exports = new Map<FixtureKeyName, string>();
  for (const [name, key] of Object.entries(keys) as Array<[FixtureKeyName, FixtureKey]>) {
    exports.set(name, await gpg.exportPublic(key.primary));
  }

  const cases: Record<TagCaseName, TagCase> = {
    goodRsa: { tag: 'good-rsa', trusted: ['rsa'], signedBy: 'rsa' },
    goodEd25519: { tag: 'good-ed25519', trusted: ['ed25519', 'rsa'], signedBy: 'ed25519' },
    goodSigningSubkey: { tag: 'good-subkey', trusted: ['certifyOnly'], signedBy: 'certifyOnly' },
    manyUserIds: { tag: 'many-user-ids', trusted: ['manyUserIds'], signedBy: 'manyUserIds' },
    lightweight: { tag: 'lightweight', trusted: ['ed25519'], signedBy: null },
    unsigned: { tag: 'unsigned', trusted: ['ed25519'], signedBy: null },
    tamperedMessage: { tag: 'tampered-message', trusted: ['ed25519'], signedBy: 'ed25519' },
    tamperedObject: { tag: 'tampered-object', trusted: ['ed25519'], signedBy: 'ed25519' },
    unknownKey: { tag: 'unknown-key', trusted: ['ed25519', 'rsa'], signedBy: 'outsider' },
    emptyTrustList: { tag: 'good-ed25519', trusted: [], signedBy: 'ed25519' },
    revokedKey: { tag: 'revoked-key', trusted: ['revoked'], signedBy: 'revoked' },
    revokedSubkey: { tag: 'revoked-subkey', trusted: ['revokedSubkey'], signedBy: 'revokedSubkey' },
    expiredAtSigning: {
      tag: 'expired-at-signing',
      trusted: ['expiredAtSigning'],
      signedBy: 'expiredAtSigning',
    },
    subkeyExpiredAtSigning: {
      tag: 'subkey-expired-at-signing',
      trusted: ['subkeyExpiredAtSigning'],
      signedBy: 'subkeyExpiredAtSigning',
    },
    expiredAfterSigning: {
      tag: 'expired-after-signing',
      trusted: ['expiredAfterSigning'],
      signedBy: 'expiredAfterSigning',
    },
    signedBeforeKeyCreation: {
      tag: 'signed-before-key-creation',
      trusted: ['createdAfterSigning'],
      signedBy: 'createdAfterSigning',
    },
    renamed: { tag: 'v9.9.9', trusted: ['ed25519'], signedBy: 'ed25519' },
    commitMismatch: {
      tag: 'good-ed25519',
      trusted: ['ed25519'],
      signedBy: 'ed25519',
      expectCommit: first,
    },
    sha1: { tag: 'sha1', trusted: ['rsa'], signedBy: 'rsa' },
  };

  const binary = join(root, 'maintainers.gpg');
  await gpg.run(['--export', '--output', binary, ed25519, rsa]);
  const notAKeyring = join(root, 'maintainers.txt');
  await writeFile(notAKeyring, `Dana's key fingerprint is ${ed25519}; ask her for the key file.\n`);

  const armoredFor = (names: FixtureKeyName[]) => names.map((name) => exports.get(name) ?? '');

  const trustedKeys = async (name: TagCaseName) => {
    const lists = await Promise.all(
      armoredFor(cases[name].trusted).map((armored) =>
        readKeyring(Buffer.from(armored, 'utf8'), `the ${name} trust list`),
      ),
    );
    return lists.flat();
  };

  const verifyHomeFor = (names: FixtureKeyName[]) => {
    const id = [...names].sort().join(',');
    let home = verifyHomes.get(id);
    if (!home) {
      home = GnupgHome.create().then(async (fresh) => {
        if (names.length > 0)
          await fresh.run(['--import'], { input: armoredFor(names).join('\n') });
        return fresh;
      });
      verifyHomes.set(id, home);
    }
    return home;
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
    gitVerifyTag: async (name) => {
      const home = await verifyHomeFor(cases[name].trusted);
      return runGit(['verify-tag', '--raw', cases[name].tag], {
        cwd: repo.path,
        // Only this home's keys and git's defaults: no user or system config (gpg.program etc.).
        env: { GNUPGHOME: home.home, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
      });
    },
    dispose,
  };
}
