import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountersignError } from '../../../../shared/errors';
import { runTool } from '../apt/testing/aptRepositoryFactory';
import { verifyDetachedRelease, verifyInRelease } from '../apt/verifyReleaseSignature';
import { GnupgHome } from '../gpg/gnupgHome';
import { utcTime } from './chooseSigningKey';
import { isStub } from './keyProtection';
import { readReleaseKey } from './readReleaseKey';
import type { ReleaseKey } from './releaseKey';
import { loadReleaseKey, storeReleaseKey } from './releaseKeyStore';
import { signSha256Sums } from './sha256Sums';
import { signRelease } from './signRelease';
import { refusal as refusalOf } from './testing/generatedKeys';
import { unlockReleaseKey, withUnlockedKey } from './unlockReleaseKey';

// Spaces and a non-ASCII letter: GnuPG takes the passphrase as UTF-8 bytes, as openpgp.js does.
const PASSPHRASE = 'Countersign release pässphrase 7f3a';
const WRONG = 'not the release passphrase 9b2c';

const RELEASE = [
  'Origin: Countersign',
  'Label: Countersign',
  'Suite: stable',
  'Codename: stable',
  'Date: Sat, 01 Nov 2025 00:00:00 UTC',
  'Architectures: amd64',
  'Components: main',
  'Description: Ünïcödé, and lines a cleartext signature must dash-escape:',
  '- a line that starts with a dash',
  '-----BEGIN PGP SIGNATURE-----',
  'SHA256:',
  ' e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 0 main/binary-amd64/Packages',
  '',
].join('\n');

interface GpgKey {
  fingerprint: string;
  /** The subkey that signs, when it is not the primary key. */
  signingSubkey?: string;
  armored: string;
}

let gpg: GnupgHome;
let work: string;
const keys: Record<string, GpgKey> = {};
let rsa1024Skip: string | null = null;
/** Every refusal seen, as it would cross a boundary, to search for the passphrase. */
const refusals: string[] = [];

/** The refusal, also kept to search for the passphrase later. */
async function refusal(promise: Promise<unknown>): Promise<CountersignError> {
  const error = await refusalOf(promise);
  refusals.push(JSON.stringify(error.toAppError()), String(error.stack));
  return error;
}

function key(name: string): GpgKey {
  const found = keys[name];
  if (!found) throw new Error(`no test key ${name}`);
  return found;
}

/** gpg's own idea of when a key expires, from its colon listing. */
async function gpgExpiry(fingerprint: string): Promise<Date> {
  const listing = await gpg.run(['--with-colons', '--list-keys', fingerprint]);
  const pub = listing.split('\n').find((line) => line.startsWith('pub:'));
  return new Date(Number(pub?.split(':')[6]) * 1000);
}

/** A binary public keyring for gpgv, as apt keeps them (gpg --export, not armored). */
async function keyringOf(fingerprint: string): Promise<string> {
  const file = join(work, 'keyrings', `${fingerprint}.gpg`);
  await gpg.run(['--yes', '--output', file, '--export', fingerprint]);
  return file;
}

/** Runs gpgv with status lines on stdout; resolves them, rejects when gpgv refuses. */
async function gpgv(keyring: string, ...files: string[]): Promise<string> {
  const out = await runTool('gpgv', ['--status-fd', '1', '--keyring', keyring, ...files], {
    env: gpg.env,
  });
  return out.toString('utf8');
}

async function publicKeyOf(fingerprint: string): Promise<openpgp.PublicKey> {
  return openpgp.readKey({ armoredKey: await gpg.exportPublic(fingerprint) });
}

async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

beforeAll(async () => {
  gpg = await GnupgHome.create();
  work = await mkdtemp(join(tmpdir(), 'cs-signing-'));
  await mkdir(join(work, 'keyrings'));
  const protect = { passphrase: PASSPHRASE };

  // As a careful release manager keeps it: a certify-only primary key (kept
  // offline) and a signing subkey, all protected by a passphrase.
  const ed = await gpg.generateKey('Release Ed25519 <ed25519@example.org>', {
    usage: 'cert',
    ...protect,
  });
  const edSub = await gpg.addSubkey(ed, protect);
  keys.ed25519 = {
    fingerprint: ed,
    signingSubkey: edSub,
    armored: await gpg.exportSecret(ed, protect),
  };
  keys.stubPrimary = {
    fingerprint: ed,
    signingSubkey: edSub,
    armored: await gpg.exportSecret(ed, { ...protect, subkeysOnly: true }),
  };

  const rsa = await gpg.generateKey('Release RSA <rsa@example.org>', {
    algo: 'rsa3072',
    ...protect,
  });
  keys.rsa = { fingerprint: rsa, armored: await gpg.exportSecret(rsa, protect) };

  const plain = await gpg.generateKey('Unprotected <plain@example.org>');
  keys.unprotected = { fingerprint: plain, armored: await gpg.exportSecret(plain) };

  const expired = await gpg.generateKey('Expired <expired@example.org>', {
    expire: '1y',
    fakedTime: '20200101T000000!',
  });
  keys.expired = { fingerprint: expired, armored: await gpg.exportSecret(expired) };

  const revoked = await gpg.generateKey('Revoked <revoked@example.org>');
  await gpg.revokeKey(revoked);
  keys.revoked = { fingerprint: revoked, armored: await gpg.exportSecret(revoked) };

  const subRevoked = await gpg.generateKey('Revoked subkey <subrevoked@example.org>', {
    usage: 'cert',
  });
  const sub = await gpg.addSubkey(subRevoked);
  await gpg.revokeSubkey(subRevoked, sub, undefined, { code: 1, text: 'laptop stolen' });
  keys.revokedSubkey = {
    fingerprint: subRevoked,
    signingSubkey: sub,
    armored: await gpg.exportSecret(subRevoked),
  };

  const encryptOnly = await gpg.generateKey('Cannot sign <nosign@example.org>', {
    usage: 'cert',
  });
  await gpg.addSubkey(encryptOnly, { algo: 'cv25519', usage: 'encr' });
  keys.cannotSign = { fingerprint: encryptOnly, armored: await gpg.exportSecret(encryptOnly) };

  keys.publicOnly = { fingerprint: ed, armored: await gpg.exportPublic(ed) };

  try {
    const weak = await gpg.generateKey('Weak <weak@example.org>', { algo: 'rsa1024' });
    keys.rsa1024 = { fingerprint: weak, armored: await gpg.exportSecret(weak) };
  } catch (error) {
    rsa1024Skip = `this GnuPG refuses to make RSA 1024 keys (${String(error)})`;
  }
});

afterAll(async () => {
  await gpg?.dispose();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('reading a release key exported by GnuPG', () => {
  it('accepts a protected Ed25519 key and names its signing subkey as the key that signs', async () => {
    const { info } = await readReleaseKey(key('ed25519').armored);
    expect(info).toMatchObject({
      fingerprint: key('ed25519').fingerprint,
      userIds: ['Release Ed25519 <ed25519@example.org>'],
      protected: true,
      signingKey: {
        fingerprint: key('ed25519').signingSubkey,
        algorithm: 'Ed25519',
        isSubkey: true,
      },
    });
  });

  it('accepts a protected RSA 3072 key that signs with its primary key', async () => {
    const { info } = await readReleaseKey(key('rsa').armored);
    expect(info.protected).toBe(true);
    expect(info.signingKey).toMatchObject({
      fingerprint: key('rsa').fingerprint,
      algorithm: 'RSA 3072',
      isSubkey: false,
    });
  });

  it('accepts a key whose primary is a stub (gpg --export-secret-subkeys)', async () => {
    const releaseKey = await readReleaseKey(key('stubPrimary').armored);
    const { info } = releaseKey;
    expect(isStub(releaseKey.key)).toBe(true);
    expect(info.protected).toBe(true);
    expect(info.signingKey.fingerprint).toBe(key('stubPrimary').signingSubkey);
  });

  it('refuses a public key, and says how to export the secret one', async () => {
    const error = await refusal(readReleaseKey(key('publicOnly').armored));
    expect(error.code).toBe('NOT_A_PRIVATE_KEY');
    expect(error.hint).toContain(
      `gpg --armor --export-secret-keys ${key('publicOnly').fingerprint}`,
    );
  });

  it('refuses a key without a passphrase unless explicitly allowed', async () => {
    const error = await refusal(readReleaseKey(key('unprotected').armored));
    expect(error.code).toBe('KEY_UNPROTECTED');
    expect(error.hint).toContain(`gpg --passwd ${key('unprotected').fingerprint}`);
    const allowed = await readReleaseKey(key('unprotected').armored, { allowUnprotected: true });
    expect(allowed.info.protected).toBe(false);
  });

  it('refuses an expired key and says when it expired', async () => {
    const error = await refusal(readReleaseKey(key('expired').armored, { allowUnprotected: true }));
    expect(error.code).toBe('KEY_EXPIRED');
    expect(error.message).toContain(
      `expired on ${utcTime(await gpgExpiry(key('expired').fingerprint))}`,
    );
    expect(error.message).toContain('checked as of');
  });

  it('judges expiry at the date given, not at the clock', async () => {
    const then = await readReleaseKey(key('expired').armored, {
      allowUnprotected: true,
      date: new Date('2020-06-01T00:00:00Z'),
    });
    expect(then.info.fingerprint).toBe(key('expired').fingerprint);
  });

  it('refuses a revoked key', async () => {
    const error = await refusal(readReleaseKey(key('revoked').armored, { allowUnprotected: true }));
    expect(error.code).toBe('KEY_REVOKED');
    expect(error.message).toContain(key('revoked').fingerprint);
  });

  it('refuses a key whose only signing subkey is revoked, with the reason given', async () => {
    const error = await refusal(
      readReleaseKey(key('revokedSubkey').armored, { allowUnprotected: true }),
    );
    expect(error.code).toBe('KEY_REVOKED');
    expect(error.message).toContain(`subkey ${key('revokedSubkey').signingSubkey}`);
    expect(error.message).toContain('key compromised: laptop stolen');
  });

  it('refuses a key with no key allowed to sign (certify primary, encryption subkey)', async () => {
    const error = await refusal(
      readReleaseKey(key('cannotSign').armored, { allowUnprotected: true }),
    );
    expect(error.code).toBe('KEY_CANNOT_SIGN');
    expect(error.hint).toContain('gpg --quick-add-key');
  });

  it('refuses an RSA 1024 key as weak', async (context) => {
    if (rsa1024Skip) context.skip(rsa1024Skip);
    const error = await refusal(readReleaseKey(key('rsa1024').armored, { allowUnprotected: true }));
    expect(error.code).toBe('WEAK_KEY');
    expect(error.message).toContain('RSA 1024');
  });
});

describe('unlocking the release key', () => {
  it('refuses a wrong passphrase and signs with the right one', async () => {
    const releaseKey = await readReleaseKey(key('ed25519').armored);
    expect((await refusal(unlockReleaseKey(releaseKey, WRONG))).code).toBe('WRONG_PASSPHRASE');
    expect((await refusal(unlockReleaseKey(releaseKey, ''))).code).toBe('WRONG_PASSPHRASE');
    const signed = await withUnlockedKey(releaseKey, PASSPHRASE, (unlocked) =>
      signRelease(unlocked, RELEASE, new Date()),
    );
    expect(signed.inRelease).toContain('-----BEGIN PGP SIGNATURE-----');
  });
});

describe.each([
  ['Ed25519, signing subkey', 'ed25519', 'Ed25519'],
  ['Ed25519, stub primary', 'stubPrimary', 'Ed25519'],
  ['RSA 3072', 'rsa', 'RSA 3072'],
])('signing a Release with %s', (_name, keyName, algorithm) => {
  let releaseKey: ReleaseKey;
  let dir: string;
  let keyring: string;
  let date: Date;

  beforeAll(async () => {
    releaseKey = await readReleaseKey(key(keyName).armored);
    expect(releaseKey.info.signingKey.algorithm).toBe(algorithm);
    dir = join(work, `release-${keyName}`);
    await mkdir(dir);
    keyring = await keyringOf(releaseKey.info.fingerprint);
    date = new Date();
    const signed = await withUnlockedKey(releaseKey, PASSPHRASE, (unlocked) =>
      signRelease(unlocked, RELEASE, date),
    );
    await writeFile(join(dir, 'Release'), RELEASE);
    await writeFile(join(dir, 'InRelease'), signed.inRelease);
    await writeFile(join(dir, 'Release.gpg'), signed.releaseGpg);
  });

  it('writes an InRelease gpgv accepts, signed by the exact signing key with SHA-512', async () => {
    const status = await gpgv(keyring, join(dir, 'InRelease'));
    // VALIDSIG <signing key> <day> <time> <expiry> <version> <reserved> <algo> <hash> <class> <primary>
    const validsig = status.split('\n').find((line) => line.startsWith('[GNUPG:] VALIDSIG '));
    const fields = validsig?.split(' ') ?? [];
    expect(fields[2]).toBe(releaseKey.info.signingKey.fingerprint);
    expect(fields[9]).toBe(String(openpgp.enums.hash.sha512));
    expect(fields[10]).toBe('01'); // a canonical-text signature, as gpg --clearsign makes
    expect(fields[11]).toBe(releaseKey.info.fingerprint);
  });

  it('writes a Release.gpg gpgv accepts over the exact bytes of Release', async () => {
    const status = await gpgv(keyring, join(dir, 'Release.gpg'), join(dir, 'Release'));
    expect(status).toContain(`VALIDSIG ${releaseKey.info.signingKey.fingerprint} `);
  });

  it("agrees with Countersign's own apt verifier", async () => {
    const trusted = [await publicKeyOf(releaseKey.info.fingerprint)];
    const inline = await verifyInRelease(
      await readFile(join(dir, 'InRelease'), 'utf8'),
      trusted,
      new Date(),
    );
    expect(inline.signedBy).toEqual([releaseKey.info.fingerprint]);
    expect(inline.signatures[0]?.fingerprint).toBe(releaseKey.info.signingKey.fingerprint);
    expect(`${inline.signedText}\n`).toBe(RELEASE);
    const detached = await verifyDetachedRelease(
      await readFile(join(dir, 'Release')),
      await readFile(join(dir, 'Release.gpg')),
      trusted,
      new Date(),
    );
    expect(detached.signedBy).toEqual([releaseKey.info.fingerprint]);
  });

  it('fails gpgv when one byte of Release or InRelease is changed', async () => {
    const tampered = join(dir, 'Release.tampered');
    await writeFile(tampered, RELEASE.replace('Suite: stable', 'Suite: stablf'));
    await expect(gpgv(keyring, join(dir, 'Release.gpg'), tampered)).rejects.toThrow(
      /BAD signature/,
    );
    const inRelease = await readFile(join(dir, 'InRelease'), 'utf8');
    const tamperedIn = join(dir, 'InRelease.tampered');
    await writeFile(tamperedIn, inRelease.replace('Suite: stable', 'Suite: stablf'));
    await expect(gpgv(keyring, tamperedIn)).rejects.toThrow(/BAD signature/);
  });
});

describe('signing a release for apt', () => {
  it('makes an InRelease that apt-get update accepts', async (context) => {
    // apt drops to its _apt user to fetch, which would not read our temp folder;
    // keeping root (APT::Sandbox::User) is only possible as root.
    if (process.getuid?.() !== 0) context.skip('apt-get update against a local folder needs root');
    const releaseKey = await readReleaseKey(key('ed25519').armored);
    const root = join(work, 'apt');
    const suite = join(root, 'repo/dists/stable');
    await mkdir(join(suite, 'main/binary-amd64'), { recursive: true });
    await writeFile(join(suite, 'main/binary-amd64/Packages'), '');
    for (const sub of ['state/lists/partial', 'cache/archives/partial']) {
      await mkdir(join(root, sub), { recursive: true });
    }
    const release = await runTool(
      'apt-ftparchive',
      [
        ...['-o', 'APT::FTPArchive::Release::Suite=stable'],
        ...['-o', 'APT::FTPArchive::Release::Components=main'],
        ...['-o', 'APT::FTPArchive::Release::Architectures=amd64'],
        ...['release', '.'],
      ],
      { cwd: suite },
    );
    const { inRelease } = await withUnlockedKey(releaseKey, PASSPHRASE, (unlocked) =>
      signRelease(unlocked, release.toString('utf8'), new Date()),
    );
    await writeFile(join(suite, 'InRelease'), inRelease);
    const keyring = await keyringOf(releaseKey.info.fingerprint);
    await writeFile(
      join(root, 'sources.list'),
      `deb [signed-by=${keyring}] file:${join(root, 'repo')} stable main\n`,
    );
    const out = await runTool('apt-get', [
      'update',
      ...['-o', `Dir::Etc::sourcelist=${join(root, 'sources.list')}`],
      ...['-o', 'Dir::Etc::sourceparts=/nonexistent'],
      ...['-o', `Dir::State=${join(root, 'state')}`],
      ...['-o', `Dir::State::status=${join(root, 'state/status')}`],
      ...['-o', `Dir::Cache=${join(root, 'cache')}`],
      ...['-o', 'APT::Sandbox::User=root', '-o', 'Debug::NoLocking=1'],
      ...['-o', 'APT::Architecture=amd64', '-o', 'APT::Get::List-Cleanup=0'],
    ]);
    const text = out.toString('utf8');
    expect(text).toContain('InRelease');
    expect(text).not.toMatch(/^(W|E|Err):/m);
    const lists = await readdir(join(root, 'state/lists'));
    expect(lists.some((name) => name.endsWith('_InRelease'))).toBe(true);
  });
});

describe('signing detached artifacts', () => {
  it('writes a SHA256SUMS that sha256sum -c accepts and a SHA256SUMS.asc gpg verifies', async () => {
    const dir = join(work, 'artifacts');
    await mkdir(join(dir, 'dist'), { recursive: true });
    const files = [
      { name: 'hello-1.0.tar.gz', content: 'hello tarball' },
      { name: 'dist/hello-1.0-py3-none-any.whl', content: 'hello wheel' },
    ];
    for (const file of files) await writeFile(join(dir, file.name), file.content);
    const releaseKey = await readReleaseKey(key('ed25519').armored);
    const sums = await withUnlockedKey(releaseKey, PASSPHRASE, (unlocked) =>
      signSha256Sums(
        unlocked,
        files.map((file) => ({
          name: file.name,
          sha256: createHash('sha256').update(file.content).digest('hex'),
        })),
        new Date(),
      ),
    );
    await writeFile(join(dir, 'SHA256SUMS'), sums.sha256sums);
    await writeFile(join(dir, 'SHA256SUMS.asc'), sums.asc);
    await runTool('sha256sum', ['--strict', '-c', 'SHA256SUMS'], { cwd: dir });
    const status = await gpg.run([
      '--status-fd',
      '1',
      '--verify',
      join(dir, 'SHA256SUMS.asc'),
      join(dir, 'SHA256SUMS'),
    ]);
    expect(status).toContain(`VALIDSIG ${releaseKey.info.signingKey.fingerprint} `);
  });
});

describe('storing the release key', () => {
  it('stores the key byte for byte as exported, encrypted, mode 0600, and loads it back pinned', async () => {
    const project = join(work, 'project');
    await mkdir(project);
    const releaseKey = await readReleaseKey(key('ed25519').armored);
    const file = join(project, await storeReleaseKey(project, releaseKey));
    const stored = await readFile(file);
    expect(stored.equals(Buffer.from(key('ed25519').armored, 'utf8'))).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const reread = await openpgp.readPrivateKey({ armoredKey: stored.toString('utf8') });
    expect(reread.isDecrypted()).toBe(false);
    const loaded = await loadReleaseKey(file, key('ed25519').fingerprint);
    expect(loaded.info).toEqual(releaseKey.info);
    const mismatch = await refusal(loadReleaseKey(file, key('rsa').fingerprint));
    expect(mismatch.code).toBe('RELEASE_KEY_PIN_MISMATCH');
  });
});

describe('the passphrase', () => {
  it('appears in no file written and in no refusal', async () => {
    const secrets = [PASSPHRASE, WRONG].map((text) => Buffer.from(text, 'utf8'));
    for (const file of await filesBelow(work)) {
      const bytes = await readFile(file);
      for (const secret of secrets) expect(bytes.includes(secret), file).toBe(false);
    }
    expect(refusals.length).toBeGreaterThan(5);
    for (const text of refusals) {
      expect(text).not.toContain(PASSPHRASE);
      expect(text).not.toContain(WRONG);
    }
  });
});
