import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GnupgHome } from '../gpg/gnupgHome';
import { gpgPublicKey, type GpgPublicKey } from './gpgKey';
import {
  buildLayout,
  buildLink,
  linkFileName,
  metablockText,
  type Layout,
  type Link,
  type Metablock,
} from './metadata';
import { signMetadata } from './signMetadata';
import { verifyMetablockSignature } from './verifyMetablock';
import { verifyStepLinks } from './verifyStepLinks';

// Debian's in-toto runs on the system Python, whatever python3 is first on PATH.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const IN_TOTO = spawnSync('in-toto-verify', ['--version']).status === 0;
const SKIP_REASON =
  'in-toto-verify is not installed (bash scripts/ensure-test-deps.sh installs it)';

interface Signer {
  fingerprint: string;
  key: openpgp.PrivateKey;
  asInToto: GpgPublicKey;
}

const DEB = 'hello_1.0-1_all.deb';
const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
// Signatures are made after the keys, as GnuPG dates their self-signatures.
let NOW = new Date();

describe.skipIf(!IN_TOTO)(
  `in-toto v0.9 metadata judged by Debian's in-toto${IN_TOTO ? '' : ` (skipped: ${SKIP_REASON})`}`,
  () => {
    let gpg: GnupgHome;
    let release: Signer;
    let releaseSubkey: string;
    let reviewerA: Signer;
    let reviewerASubkey: string;
    let reviewerB: Signer;
    let outsider: Signer;
    let dsaFingerprint: string;
    let layout: Metablock<Layout>;
    const folders: string[] = [];

    async function signer(fingerprint: string): Promise<Signer> {
      const key = await openpgp.readPrivateKey({ armoredKey: await gpg.exportSecret(fingerprint) });
      return { fingerprint: fingerprint.toLowerCase(), key, asInToto: await gpgPublicKey(key) };
    }

    beforeAll(async () => {
      gpg = await GnupgHome.create();
      // The release key certifies only; its RSA subkey signs (in-toto finds it under the primary).
      const releaseFpr = await gpg.generateKey('Release <release@example.org>', {
        algo: 'rsa3072',
        usage: 'cert',
      });
      releaseSubkey = await gpg.addSubkey(releaseFpr, { algo: 'rsa2048', usage: 'sign' });
      const aFpr = await gpg.generateKey('Reviewer A <a@example.org>', {
        algo: 'rsa3072',
        expire: '2y',
      });
      reviewerASubkey = await gpg.addSubkey(aFpr, { algo: 'rsa2048', usage: 'sign', expire: '1y' });
      await gpg.addSubkey(aFpr, { algo: 'rsa2048', usage: 'encr' });
      await gpg.addSubkey(aFpr, { algo: 'ed25519', usage: 'sign' });
      const bFpr = await gpg.generateKey('Reviewer B <b@example.org>', {
        algo: 'ed25519',
        expire: '1y',
      });
      await gpg.addSubkey(bFpr, { algo: 'cv25519', usage: 'encr' });
      const outsiderFpr = await gpg.generateKey('Outsider <o@example.org>', { algo: 'ed25519' });
      dsaFingerprint = await gpg.generateKey('Old DSA <dsa@example.org>', { algo: 'dsa2048' });
      NOW = new Date(Date.now() + 1000);
      release = await signer(releaseFpr);
      reviewerA = await signer(aFpr);
      reviewerB = await signer(bFpr);
      outsider = await signer(outsiderFpr);
      const spec = buildLayout({
        expires: new Date(NOW.getTime() + 30 * 86_400_000),
        readme: 'Two reviewers approve every package.',
        steps: [
          {
            name: 'approve',
            threshold: 2,
            functionaries: [reviewerA.asInToto, reviewerB.asInToto],
            expectedProducts: [
              ['CREATE', '*.deb'],
              ['DISALLOW', '*'],
            ],
          },
        ],
      });
      layout = {
        signed: spec,
        signatures: [
          await signMetadata(spec, release.key, {
            date: NOW,
            signingKeyFingerprint: releaseSubkey,
          }),
        ],
      };
    }, 300_000);

    afterAll(async () => {
      await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
      await gpg?.dispose();
    });

    async function approval(by: Signer, sha256: string, subkey?: string): Promise<Metablock<Link>> {
      const link = buildLink({ name: 'approve', products: { [DEB]: sha256 } });
      const options = subkey ? { date: NOW, signingKeyFingerprint: subkey } : { date: NOW };
      return { signed: link, signatures: [await signMetadata(link, by.key, options)] };
    }

    /** Writes the layout and these links (by file name) and runs Debian's in-toto-verify on them. */
    async function inTotoVerify(links: Record<string, Metablock<Link>>) {
      const folder = await mkdtemp(join(tmpdir(), 'cs-intoto-'));
      folders.push(folder);
      await writeFile(join(folder, 'root.layout'), metablockText(layout));
      for (const [name, link] of Object.entries(links)) {
        await writeFile(join(folder, name), metablockText(link));
      }
      const run = spawnSync(
        'in-toto-verify',
        [
          '--layout',
          join(folder, 'root.layout'),
          '--link-dir',
          folder,
          '--gpg',
          release.fingerprint,
          '--gpg-home',
          gpg.home,
          '--verbose',
        ],
        { encoding: 'utf8' },
      );
      const ours = verifyStepLinks(layout.signed, 'approve', Object.values(links), NOW);
      return { status: run.status, output: `${run.stdout}${run.stderr}`, ours };
    }

    const nameFor = (signer: Signer, keyid = signer.fingerprint) => linkFileName('approve', keyid);

    it("writes each key as securesystemslib's export_pubkey reads it from GnuPG", () => {
      const fingerprints = [release, reviewerA, reviewerB, outsider].map((s) => s.fingerprint);
      const script = [
        'import json, sys',
        'from securesystemslib.gpg.functions import export_pubkey',
        'print(json.dumps([export_pubkey(k, sys.argv[1]) for k in sys.argv[2:]]))',
      ].join('\n');
      const run = spawnSync(PYTHON, ['-c', script, gpg.home, ...fingerprints, dsaFingerprint], {
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      const theirs = JSON.parse(run.stdout) as GpgPublicKey[];
      return (async () => {
        const dsa = await openpgp.readKey({ armoredKey: await gpg.exportPublic(dsaFingerprint) });
        const ours = [release, reviewerA, reviewerB, outsider].map((s) => s.asInToto);
        expect([...ours, await gpgPublicKey(dsa)]).toEqual(theirs);
        // What the comparison covers: A's expiry and its two RSA subkeys (not the Ed25519 one);
        // B's Ed25519 primary with neither expiry nor subkeys, as securesystemslib reads it.
        expect(reviewerA.asInToto.validity_period).toBe(2 * 365 * 86_400);
        expect(Object.keys(reviewerA.asInToto.subkeys ?? {})).toHaveLength(2);
        expect(reviewerB.asInToto.validity_period).toBeUndefined();
        expect(reviewerB.asInToto.subkeys).toBeUndefined();
        expect(theirs[theirs.length - 1]?.type).toBe('dsa');
      })();
    });

    it('the layout carries a valid signature by the release key’s signing subkey', () => {
      expect(verifyMetablockSignature(layout, release.asInToto, NOW)).toEqual({
        valid: true,
        signedBy: releaseSubkey.toLowerCase(),
      });
    });

    it('passes with two distinct reviewers’ approvals of the same bytes', async () => {
      const result = await inTotoVerify({
        [nameFor(reviewerA)]: await approval(reviewerA, SHA_A),
        [nameFor(reviewerB)]: await approval(reviewerB, SHA_A),
      });
      expect(result.status, result.output).toBe(0);
      expect(result.output).toMatch(/The software product passed all verification/);
      expect(result.ours.satisfied).toBe(true);
      expect(result.ours.countedKeys.sort()).toEqual(
        [reviewerA.fingerprint, reviewerB.fingerprint].sort(),
      );
    });

    it('fails with one approval', async () => {
      const result = await inTotoVerify({ [nameFor(reviewerA)]: await approval(reviewerA, SHA_A) });
      expect(result.status, result.output).toBe(1);
      expect(result.output).toMatch(
        /Step 'approve' requires '2' link metadata file\(s\), found '1'/,
      );
      expect(result.ours.satisfied).toBe(false);
    });

    it('fails with one reviewer’s approval twice: by its primary key and its subkey, or copied under the other reviewer’s name', async () => {
      const byPrimary = await approval(reviewerA, SHA_A);
      const bySubkey = await approval(reviewerA, SHA_A, reviewerASubkey);
      const twice = await inTotoVerify({
        [nameFor(reviewerA)]: byPrimary,
        [nameFor(reviewerA, reviewerASubkey.toLowerCase())]: bySubkey,
      });
      expect(twice.status, twice.output).toBe(1);
      expect(twice.output).toMatch(/Only one of them is counted/);
      expect(twice.output).toMatch(
        /requires at least '2' links validly signed by different authorized functionaries. Only found '1'/,
      );
      expect(twice.ours).toMatchObject({ satisfied: false, countedKeys: [reviewerA.fingerprint] });

      const copied = await inTotoVerify({
        [nameFor(reviewerA)]: byPrimary,
        [nameFor(reviewerB)]: byPrimary,
      });
      expect(copied.status, copied.output).toBe(1);
      expect(copied.ours.satisfied).toBe(false);
    });

    it('fails when the second approval is by a key the layout does not name', async () => {
      const byOutsider = await approval(outsider, SHA_A);
      const result = await inTotoVerify({
        [nameFor(reviewerA)]: await approval(reviewerA, SHA_A),
        [nameFor(outsider)]: byOutsider,
        [nameFor(reviewerB)]: byOutsider, // posing as B
      });
      expect(result.status, result.output).toBe(1);
      expect(result.ours).toMatchObject({ satisfied: false, countedKeys: [reviewerA.fingerprint] });
    });

    it('fails when an approval was edited after it was signed', async () => {
      const byB = await approval(reviewerB, SHA_A);
      const edited: Metablock<Link> = {
        signed: { ...byB.signed, products: { [DEB]: { sha256: SHA_B } } },
        signatures: byB.signatures,
      };
      const result = await inTotoVerify({
        [nameFor(reviewerA)]: await approval(reviewerA, SHA_A),
        [nameFor(reviewerB)]: edited,
      });
      expect(result.status, result.output).toBe(1);
      expect(result.ours.satisfied).toBe(false);
      expect(result.ours.setAside[0]?.reason).toMatch(/does not verify/);
    });

    it('fails when the reviewers approved different bytes for the package', async () => {
      const result = await inTotoVerify({
        [nameFor(reviewerA)]: await approval(reviewerA, SHA_A),
        [nameFor(reviewerB)]: await approval(reviewerB, SHA_B),
      });
      expect(result.status, result.output).toBe(1);
      expect(result.output).toMatch(/have different artifacts/);
      expect(result.ours.disagreement).toMatch(/report different artifacts/);
      expect(result.ours.satisfied).toBe(false);
    });
  },
);
