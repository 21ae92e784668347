import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageCheck, RepositoryVerification } from '../../../shared/verify';
import { AptTestServer } from '../lib/apt/testing/aptTestServer';
import {
  copyFolder,
  flipByte,
  listFiles,
  promotedDemo,
  type PromotedDemo,
} from './testing/promotedDemo';
import { verifyRepository } from './verifyRepository';

// The demo release rebuilt, compared, its differing package accepted and the
// release promoted into apt-prod with the demo's release key; then apt-prod
// (and the review) are checked as published, and copies of them tampered
// with one link at a time.

const TAG = 'v1.0.0';
let promoted: PromotedDemo;
let demo: PromotedDemo['demo'];
let reviewDir: string;
let keys: openpgp.PublicKey[];
let work: string;

const packagesOf = (result: RepositoryVerification) =>
  result.suites.flatMap((suite) => suite.packages);
const linksOf = (result: RepositoryVerification) =>
  Object.fromEntries(packagesOf(result).map((pkg: PackageCheck) => [pkg.package, pkg.brokenLink]));

let copies = 0;
const aptProdCopy = () => copyFolder(demo.aptProd, join(work, `apt-prod-${(copies += 1)}`));
const reviewCopy = () => copyFolder(reviewDir, join(work, `review-${(copies += 1)}`));

/** Rewrites an audit log without some entries, re-chaining the rest: a log that never had them. */
async function auditLogWithout(dir: string, drop: (kind: string) => boolean): Promise<void> {
  const file = join(dir, 'audit.jsonl');
  const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
  const kept = lines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => !drop(String(entry.kind)));
  let prev = '0'.repeat(64);
  const out: string[] = [];
  kept.forEach((entry, index) => {
    const line = JSON.stringify({ ...entry, seq: index, prev });
    out.push(line);
    prev = createHash('sha256').update(line, 'utf8').digest('hex');
  });
  await writeFile(file, `${out.join('\n')}\n`);
}

async function verify(root: string, review: string | null = reviewDir, suite?: string) {
  return verifyRepository({
    root,
    keys,
    ...(review ? { reviewDir: review } : {}),
    ...(suite ? { suite } : {}),
  });
}

beforeAll(async () => {
  promoted = await promotedDemo(TAG, 'verify');
  ({ demo, reviewDir } = promoted);
  keys = [promoted.releasePublicKey];
  work = await mkdtemp(join(tmpdir(), 'cs-verify-repo-'));
}, 900_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
  await promoted?.remove();
});

describe('verify-repo on the promoted demo release', () => {
  it('verifies apt-prod as published, every package back to its approved review and verified tag', async () => {
    const result = await verify(demo.aptProd);
    expect(result.status).toBe('verified');
    expect(result.unexpected).toEqual([]);
    expect(result.extraFiles).toEqual([]);
    expect(result.suites.map((suite) => suite.suite)).toEqual(['stable']);
    const [suite] = result.suites;
    expect(suite!.signatures.map((check) => [check.file, check.status])).toEqual([
      ['InRelease', 'verified'],
      ['Release.gpg', 'verified'],
    ]);
    expect(suite!.indexes.length).toBeGreaterThan(0);
    expect(
      packagesOf(result)
        .map((pkg) => [pkg.package, pkg.status, pkg.tag])
        .sort(),
    ).toEqual([
      ['countersign-hello', 'verified', TAG],
      ['countersign-hello-doc', 'verified', TAG],
    ]);
    // The attestations the promotion published attest exactly what apt-prod serves.
    expect(result.attestations).toMatchObject({
      tag: TAG,
      folder: `attestations/${TAG}`,
      problems: [],
      status: 'verified',
    });
    expect(result.attestations?.files.map((file) => file.status)).toEqual([
      'verified',
      'verified',
      'verified',
    ]);
    expect(result.attestations?.files[0]?.subjects.map((subject) => subject.sha256).sort()).toEqual(
      packagesOf(result)
        .map((pkg) => pkg.sha256)
        .sort(),
    );
  });

  it('fails on an attestation whose signed payload was edited, and on the package it no longer attests', async () => {
    const copy = aptProdCopy();
    const folder = join(copy, 'attestations', TAG);
    const name = (await readdir(folder)).find((file) => file.startsWith('countersign-hello_'));
    const path = join(folder, name!);
    const envelope = JSON.parse(await readFile(path, 'utf8')) as { payload: string };
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as {
      predicate: { rebuild: { sourceDateEpoch: number } };
    };
    statement.predicate.rebuild.sourceDateEpoch += 1;
    envelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    await writeFile(path, JSON.stringify(envelope));
    const result = await verify(copy);
    expect(result.status).toBe('failed');
    // The packages themselves still verify: only the attestation link fails.
    expect(Object.values(linksOf(result))).toEqual([null, null]);
    const file = result.attestations?.files.find((check) => check.file.endsWith(name!));
    expect(file).toMatchObject({ status: 'failed' });
    expect(file?.problem).toMatch(/not the .* the VSA lists/);
    expect(result.attestations?.problems.join('\n')).toMatch(
      /countersign-hello 1\.0\.0 \(all\)" was promoted, but no attestation here attests it/,
    );
  });

  it('fails when apt-prod publishes no attestations for the release', async () => {
    const copy = aptProdCopy();
    await rm(join(copy, 'attestations'), { recursive: true });
    const result = await verify(copy);
    expect(result.status).toBe('failed');
    expect(result.attestations?.files).toEqual([
      expect.objectContaining({ file: `attestations/${TAG}/vsa.intoto.json`, status: 'missing' }),
    ]);
    expect(result.attestations?.problems[0]).toMatch(/is not attested here/);
    // Without a review, there is no release to hold them to.
    expect((await verify(copy, null)).attestations).toBeNull();
  });

  it('names the signature link when one byte of InRelease changed', async () => {
    const copy = aptProdCopy();
    await flipByte(join(copy, 'dists', 'stable', 'InRelease'), 'Suite:');
    const result = await verify(copy);
    expect(result.status).toBe('failed');
    expect(result.suites[0]!.signatures.find((check) => check.file === 'InRelease')?.status).toBe(
      'failed',
    );
    expect(result.suites[0]!.signatures.find((check) => check.file === 'Release.gpg')?.status).toBe(
      'verified',
    );
    expect(Object.values(linksOf(result))).toEqual(['signature', 'signature']);
  });

  it('names the signature link when Release changed, since Release.gpg no longer verifies it', async () => {
    const copy = aptProdCopy();
    await flipByte(join(copy, 'dists', 'stable', 'Release'), 'Suite:');
    const result = await verify(copy);
    expect(result.suites[0]!.signatures.find((check) => check.file === 'Release.gpg')?.status).toBe(
      'failed',
    );
    expect(result.suites[0]!.releaseProblems.join(' ')).toMatch(/not the text of Release/);
    expect(Object.values(linksOf(result))).toEqual(['signature', 'signature']);
  });

  it('reports a missing Release.gpg', async () => {
    const copy = aptProdCopy();
    await rm(join(copy, 'dists', 'stable', 'Release.gpg'));
    const result = await verify(copy);
    expect(result.status).toBe('failed');
    expect(result.suites[0]!.signatures.find((check) => check.file === 'Release.gpg')?.status).toBe(
      'missing',
    );
  });

  it('names the release link for the packages of a Packages file that no longer matches Release', async () => {
    const copy = aptProdCopy();
    const suiteDir = join(copy, 'dists', 'stable');
    const listed =
      (await readFile(join(suiteDir, 'Release'), 'utf8')).match(/\S+\/Packages$/gm) ?? [];
    const plain = listed.find(
      (path) =>
        path.endsWith('/Packages') &&
        /countersign-hello-doc/.test(readFileSync(join(suiteDir, path), 'utf8')),
    );
    expect(plain).toBeDefined();
    await flipByte(join(suiteDir, plain!), 'Maintainer:');
    const result = await verify(copy);
    expect(result.status).toBe('failed');
    const index = result.suites[0]!.indexes.find((check) => check.path === plain);
    expect(index?.status).toBe('mismatched');
    expect(linksOf(result)['countersign-hello-doc']).toBe('release');
  });

  it('names the index link for a .deb whose bytes changed', async () => {
    const copy = aptProdCopy();
    const deb = (await listFiles(join(copy, 'pool'))).find((path) =>
      path.includes('countersign-hello_'),
    );
    expect(deb).toBeDefined();
    await flipByte(deb!, 'debian-binary');
    const result = await verify(copy);
    expect(linksOf(result)).toEqual({
      'countersign-hello': 'index',
      'countersign-hello-doc': null,
    });
    const failed = packagesOf(result).find((pkg) => pkg.package === 'countersign-hello');
    expect(failed?.problem).toMatch(/its index lists/);
  });

  it('lists a file put in the pool that no index references', async () => {
    const copy = aptProdCopy();
    await writeFile(join(copy, 'pool', 'main', 'stray.deb'), 'not a package');
    const result = await verify(copy);
    expect(result.status).toBe('failed');
    expect(result.extraFiles).toEqual(['pool/main/stray.deb']);
    expect(Object.values(linksOf(result))).toEqual([null, null]);
  });

  it('names the review link when the review compared other bytes than the repository serves', async () => {
    // The honest inverse of a package replaced in the repository: the review's
    // comparison records another SHA-256 for it (re-signing a forged
    // repository would only move the same check to the other side).
    const review = reviewCopy();
    const file = join(review, 'compare.json');
    const comparison = JSON.parse(await readFile(file, 'utf8')) as {
      artifacts: { ci: { sha256: string; deb: { package: string } | null } | null }[];
    };
    const row = comparison.artifacts.find(
      (artifact) => artifact.ci?.deb?.package === 'countersign-hello',
    );
    row!.ci!.sha256 = 'f'.repeat(64);
    await writeFile(file, JSON.stringify(comparison, null, 2));
    const result = await verify(demo.aptProd, review);
    expect(linksOf(result)).toEqual({
      'countersign-hello': 'review',
      'countersign-hello-doc': null,
    });
    expect(packagesOf(result).find((pkg) => pkg.brokenLink)?.problem).toMatch(/never compared/);
  });

  it('names the review link for packages the review never promoted', async () => {
    const review = reviewCopy();
    await auditLogWithout(review, (kind) => kind === 'promotion');
    const result = await verify(demo.aptProd, review);
    expect(Object.values(linksOf(result))).toEqual(['review', 'review']);
    expect(packagesOf(result)[0]?.problem).toMatch(/promotion record/);
  });

  it('names the tag link when the review records no verification of the tag', async () => {
    const review = reviewCopy();
    await auditLogWithout(review, (kind) => kind === 'tag-verified');
    const result = await verify(demo.aptProd, review);
    expect(Object.values(linksOf(result))).toEqual(['tag', 'tag']);
  });

  it('gives the same answers over HTTP', async () => {
    const good = await AptTestServer.start(demo.aptProd);
    const tampered = aptProdCopy();
    const deb = (await listFiles(join(tampered, 'pool'))).find((path) =>
      path.includes('countersign-hello-doc_'),
    );
    await flipByte(deb!, 'debian-binary');
    const bad = await AptTestServer.start(tampered);
    try {
      const result = await verify(good.url, reviewDir, 'stable');
      expect(result.status).toBe('verified');
      expect(result.attestations?.status).toBe('verified');
      expect(result.extraFiles).toBeNull();
      expect(packagesOf(result).map((pkg) => pkg.status)).toEqual(['verified', 'verified']);
      const broken = await verify(bad.url, reviewDir, 'stable');
      expect(linksOf(broken)).toEqual({
        'countersign-hello': null,
        'countersign-hello-doc': 'index',
      });
    } finally {
      await good.close();
      await bad.close();
    }
  });
});
