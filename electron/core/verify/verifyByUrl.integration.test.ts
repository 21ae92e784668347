import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../../shared/api';
import { toAppError } from '../../../shared/errors';
import { createCountersignCore, type CountersignCore } from '../countersignCore';
import { AptTestServer } from '../lib/apt/testing/aptTestServer';
import { promotedDemo, type PromotedDemo } from './testing/promotedDemo';

// QA's case: the demo release promoted into apt-prod by the release manager,
// then verified from a project that holds no release key at all, by apt-prod's
// URL (served over HTTP) and the public key as apt-prod's users get it.

const TAG = 'v1.0.0';
let promoted: PromotedDemo;
let server: AptTestServer;
let qa: CountersignCore;
let publicKey: string;

const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('resolved instead of refusing');
    },
    (error: unknown) => toAppError(error),
  );

beforeAll(async () => {
  promoted = await promotedDemo(TAG, 'verify-url');
  const { demo } = promoted;
  publicKey = await readFile(demo.releaseKey.publicKeyFile, 'utf8');
  // QA's copy of the project: the same file, without the release key.
  const config = JSON.parse(await readFile(demo.projectFile, 'utf8')) as Record<string, unknown>;
  delete config.releaseKey;
  await writeFile(demo.projectFile, `${JSON.stringify(config, null, 2)}\n`);
  qa = createCountersignCore(demo.projectFile);
  server = await AptTestServer.start(demo.aptProd);
}, 900_000);

afterAll(async () => {
  await server?.close();
  await promoted?.remove();
});

describe('verify:repo by URL and public keyring, without a secret release key', () => {
  it("verifies apt-prod over HTTP with the pasted public key, the suite taken from the project's apt-prod", async () => {
    const result = await qa.api['verify:repo']({
      repo: server.url,
      keyring: { kind: 'armored', text: publicKey },
    });
    expect(result.status).toBe('verified');
    expect(result.root).toBe(server.url);
    expect(result.keys).toEqual([promoted.demo.releaseKey.fingerprint]);
    expect(result.reviewDir).toBeNull();
    const packages = result.suites.flatMap((suite) => suite.packages);
    expect(packages.length).toBeGreaterThan(0);
    expect(packages.every((pkg) => pkg.status === 'verified')).toBe(true);
    // Over HTTP nothing can be listed, so extra files are not judged.
    expect(result.extraFiles).toBeNull();
    expect(server.requests.some((request) => request.path.endsWith('/InRelease'))).toBe(true);
  });

  it("with the tag, traces each package to the release's review and records the verdict in its log", async () => {
    const result = await qa.api['verify:repo']({
      repo: server.url,
      keyring: { kind: 'armored', text: publicKey },
      tag: TAG,
    });
    expect(result.status).toBe('verified');
    expect(result.reviewDir).toBe(promoted.reviewDir);
    expect(result.attestations?.status).toBe('verified');
    const history = await qa.api['audit:history']({ tag: TAG });
    expect(history.items.at(-1)?.kind).toBe('verification');
    expect(history.items.at(-1)?.summary).toContain(server.url);
    // The signed head cannot be checked without the release key, and says why.
    expect(history.head?.verified).toBe(false);
    expect(history.head?.problem).toMatch(/no release key/);
  });

  it('without a keyring, says what to give instead of asking for the secret key', async () => {
    const error = await refusalOf(qa.api['verify:repo']({ repo: server.url }));
    expect(error.code).toBe('NO_RELEASE_KEY');
    expect(error.message).toMatch(/give the public key/);
  });

  it('refuses the secret release key pasted as the keyring, and a URL that is not http(s)', async () => {
    const secret = await readFile(join(promoted.demo.dir, promoted.demo.releaseKey.file), 'utf8');
    const error = await refusalOf(
      qa.api['verify:repo']({ repo: server.url, keyring: { kind: 'armored', text: secret } }),
    );
    expect(error.code).toBe('INVALID_KEY');
    expect(error.message).toMatch(/secret key/);
    const request = channels['verify:repo'].request.safeParse({
      repo: 'file:///etc',
      keyring: { kind: 'armored', text: publicKey },
    });
    expect(request.success).toBe(false);
  });

  it('fails a repository signed by another key, naming the signature as the broken link', async () => {
    // The maintainer's key signs tags, not apt-prod.
    const config = JSON.parse(await readFile(promoted.demo.projectFile, 'utf8')) as {
      trustedSigners: { publicKey: string }[];
    };
    const other = config.trustedSigners[0]!.publicKey;
    const result = await qa.api['verify:repo']({
      repo: server.url,
      keyring: { kind: 'armored', text: other },
    });
    expect(result.status).toBe('failed');
    const packages = result.suites.flatMap((suite) => suite.packages);
    expect(packages.every((pkg) => pkg.brokenLink === 'signature')).toBe(true);
  });
});
