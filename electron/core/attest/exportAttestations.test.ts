import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  dsseEnvelopeSchema,
  REBUILD_PREDICATE_TYPE,
  rebuildPredicateSchema,
  vsaPredicateSchema,
  type Statement,
} from '../../../shared/attestation';
import type { ArtifactComparison, CompareResult } from '../../../shared/compare';
import type { BuildInfo } from '../../../shared/rebuild';
import { saveComparison } from '../lib/reviewFolder/compareStore';
import { appendAuditEntry, readAuditEntries } from '../audit/auditLog';
import { recordDecisions } from '../lib/reviewFolder/decisions';
import { reportFolder, saveReportTree } from '../lib/reviewFolder/reportStore';
import { readReleaseKey, withUnlockedKey } from '../lib/openpgp/index';
import { generatedKey, refusal, TEST_PASSPHRASE } from '../lib/openpgp/testing/generatedKeys';
import { exportAttestations, VSA_FILE } from './exportAttestations';
import { buildRebuildStatements } from './rebuildStatements';
import { verifyEnvelope } from './verifyEnvelope';

const COMMIT = '1'.repeat(40);
const sha = (char: string) => char.repeat(64);
let dir: string;
let reviewDir: string;
let aptProd: string;

const deb = (pkg: string, status: 'identical' | 'differs', ci: string, local: string) =>
  ({
    key: `deb:${pkg}_1.0_amd64`,
    name: `${pkg}_1.0_amd64.deb`,
    status,
    ci: {
      path: `pool/main/${pkg}_1.0_amd64.deb`,
      size: 10,
      sha256: ci,
      deb: { package: pkg, version: '1.0', architecture: 'amd64' },
    },
    local: {
      path: `${pkg}_1.0_amd64.deb`,
      size: 10,
      sha256: local,
      deb: { package: pkg, version: '1.0', architecture: 'amd64' },
    },
  }) satisfies ArtifactComparison;

async function syntheticReview() {
  const rebuildDir = join(reviewDir, 'rebuild');
  await mkdir(rebuildDir, { recursive: true });
  const buildInfo: BuildInfo = {
    tag: 'v1.0',
    commit: COMMIT,
    image: { reference: 'countersign/base:abc', id: `sha256:${sha('9')}` },
    recipe: {
      base: { kind: 'bootstrap', suite: 'bookworm', packages: [] },
      preset: 'debian',
      artifacts: ['*.deb'],
      env: {},
    },
    sourceDateEpoch: 1700000000,
    environment: {},
    buildPath: '/build/src',
    tools: {},
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:10:00.000Z',
    artifacts: [],
  };
  await writeFile(join(rebuildDir, 'buildinfo.json'), JSON.stringify(buildInfo));
  await appendAuditEntry(reviewDir, 'tag-verified', {
    tag: 'v1.0',
    tagObject: '2'.repeat(40),
    commit: COMMIT,
    signer: 'A'.repeat(40),
    signingKey: 'B'.repeat(40),
    checkedAt: '2025-01-01T00:00:00.000Z',
  });
  const artifacts = [
    deb('hello', 'identical', sha('a'), sha('a')),
    deb('world', 'differs', sha('c'), sha('d')),
    {
      key: 'file:hello-1.0.tar.gz',
      name: 'hello-1.0.tar.gz',
      status: 'identical',
      ci: { path: 'hello-1.0.tar.gz', size: 10, sha256: sha('7'), deb: null },
      local: { path: 'hello-1.0.tar.gz', size: 10, sha256: sha('7'), deb: null },
    } satisfies ArtifactComparison,
  ];
  const comparison: CompareResult = {
    ci: { kind: 'apt', location: 'https://apt-test.example.org/', repository: null, skipped: [] },
    local: { kind: 'folder', location: rebuildDir, repository: null, skipped: [] },
    artifacts,
    summary: { identical: 2, differs: 1, onlyCi: 0, onlyLocal: 0 },
    identical: false,
    comparedAt: '2025-01-01T00:20:00.000Z',
    bytesHashed: 40,
  };
  const saved = await saveComparison(reviewDir, comparison);
  await appendAuditEntry(reviewDir, 'compare', { sha256: saved.sha256 });
  const differing = artifacts[1]!;
  const node = {
    id: 'world_1.0_amd64.deb ▸ data.tar.xz ▸ ./usr/share/doc/world/changelog.gz',
    depth: 2,
    source1: './usr/share/doc/world/changelog.gz',
    source2: './usr/share/doc/world/changelog.gz',
    comments: [],
    diffLines: 2,
    decidable: true,
    explainedBy: null,
  };
  await saveReportTree(
    reportFolder(reviewDir, differing.key),
    { nodes: [node], diffs: new Map([[node.id, '-a\n+b\n']]) },
    { diffoscopeVersion: '285', reportSha256: sha('e'), generatedAt: '2025-01-01T00:30:00.000Z' },
  );
  await recordDecisions(reviewDir, differing, sha('e'), [
    { differenceId: node.id, decision: 'accepted', comment: 'gzip timestamp', rule: null },
  ]);
  return { artifacts, node };
}

const promote = (
  packages: { package: string; sha256: string }[],
  files: { name: string; sha256: string }[] = [],
) =>
  appendAuditEntry(reviewDir, 'promotion', {
    tag: 'v1.0',
    from: 'https://apt-test.example.org/',
    to: aptProd,
    publication: 'pub-1',
    previous: null,
    releaseSha256: sha('f'),
    signedBy: 'B'.repeat(40),
    planDigest: sha('0'),
    packages: packages.map((pkg) => ({
      action: 'add',
      version: '1.0',
      architecture: 'amd64',
      component: 'main',
      evidence: 'identical to the rebuild',
      ...pkg,
    })),
    detached: files.flatMap(({ name }) => [`releases/v1.0/${name}`, `releases/v1.0/${name}.asc`]),
    files,
  });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'countersign-attest-'));
  reviewDir = join(dir, 'review', 'v1.0');
  aptProd = join(dir, 'apt-prod');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('buildRebuildStatements', () => {
  it('states the source, rebuild, comparison, review and promotion of each promoted package', async () => {
    const { node } = await syntheticReview();
    await promote([
      { package: 'hello', sha256: sha('a') },
      { package: 'world', sha256: sha('c') },
    ]);
    const statements = await buildRebuildStatements(reviewDir, {
      repository: 'https://git.example.org/hello.git',
    });
    expect(statements.map(({ name }) => name)).toEqual([
      'hello_1.0_amd64.deb',
      'world_1.0_amd64.deb',
    ]);
    const [hello, world] = statements;
    expect(hello?.statement).toMatchObject({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'hello_1.0_amd64.deb', digest: { sha256: sha('a') } }],
      predicateType: REBUILD_PREDICATE_TYPE,
    });
    expect(rebuildPredicateSchema.parse(hello?.statement.predicate)).toMatchObject({
      source: {
        repository: 'https://git.example.org/hello.git',
        tag: 'v1.0',
        commit: COMMIT,
        tagSigner: { fingerprint: 'A'.repeat(40), signingKey: 'B'.repeat(40) },
      },
      rebuild: {
        image: { reference: 'countersign/base:abc', digest: `sha256:${sha('9')}` },
        sourceDateEpoch: 1700000000,
      },
      comparison: { status: 'identical', ciSha256: sha('a'), localSha256: sha('a') },
      review: { verdict: 'not-needed', reportSha256: null, decisions: [] },
      promotion: { publication: 'pub-1', resourceUri: pathToFileURL(aptProd).href },
    });
    expect(world?.predicate.comparison).toMatchObject({ status: 'differs', localSha256: sha('d') });
    expect(world?.predicate.review).toMatchObject({
      verdict: 'approved',
      reportSha256: sha('e'),
      decisions: [{ differenceId: node.id, decision: 'accepted', comment: 'gzip timestamp' }],
    });
  });

  it('states each file signed beside apt-prod, even when no package was promoted', async () => {
    await syntheticReview();
    await promote([], [{ name: 'hello-1.0.tar.gz', sha256: sha('7') }]);
    const statements = await buildRebuildStatements(reviewDir);
    expect(statements.map(({ statement }) => statement.subject)).toEqual([
      [{ name: 'hello-1.0.tar.gz', digest: { sha256: sha('7') } }],
    ]);
    expect(statements[0]?.predicate.comparison).toMatchObject({ status: 'identical' });
  });

  it('refuses a signed file whose bytes are not the ones compared', async () => {
    await syntheticReview();
    await promote([], [{ name: 'hello-1.0.tar.gz', sha256: sha('8') }]);
    expect((await refusal(buildRebuildStatements(reviewDir))).code).toBe('REVIEW_INCONSISTENT');
  });

  it('refuses when nothing was promoted', async () => {
    await syntheticReview();
    expect((await refusal(buildRebuildStatements(reviewDir))).code).toBe('NOTHING_PROMOTED');
  });

  it('refuses promoted bytes other than the ones compared', async () => {
    await syntheticReview();
    await promote([{ package: 'hello', sha256: sha('b') }]);
    expect((await refusal(buildRebuildStatements(reviewDir))).code).toBe('REVIEW_INCONSISTENT');
  });

  it('refuses a differing package whose review is not approved', async () => {
    const { artifacts, node } = await syntheticReview();
    await recordDecisions(reviewDir, artifacts[1]!, sha('e'), [
      { differenceId: node.id, decision: 'blocking', comment: 'unexplained', rule: null },
    ]);
    await promote([{ package: 'world', sha256: sha('c') }]);
    const error = await refusal(buildRebuildStatements(reviewDir));
    expect(error.code).toBe('REVIEW_INCONSISTENT');
    expect(error.message).toContain('blocked');
  });
});

describe('exportAttestations', () => {
  it('writes envelopes that verify, and a VSA bound to apt-prod over their digests', async () => {
    await syntheticReview();
    await promote([
      { package: 'hello', sha256: sha('a') },
      { package: 'world', sha256: sha('c') },
    ]);
    const { armored, publicKey } = await generatedKey();
    const key = await readReleaseKey(armored);
    const outDir = join(dir, 'out');
    const resourceUri = 'https://apt.example.org/';
    const result = await withUnlockedKey(key, TEST_PASSPHRASE, (unlocked) =>
      exportAttestations({ reviewDir, outDir, unlocked, date: new Date(), resourceUri }),
    );
    expect(result.files.map(({ file }) => file)).toEqual([
      'hello_1.0_amd64.deb.intoto.json',
      'world_1.0_amd64.deb.intoto.json',
      VSA_FILE,
    ]);
    expect(result.signedBy).toBe(key.info.signingKey.fingerprint);
    for (const { file, sha256 } of result.files) {
      const text = await readFile(join(outDir, file), 'utf8');
      expect(createHash('sha256').update(text).digest('hex')).toBe(sha256);
      const verdict = await verifyEnvelope(
        dsseEnvelopeSchema.parse(JSON.parse(text)),
        [publicKey],
        {
          expectedResourceUri: resourceUri,
        },
      );
      expect(verdict).toMatchObject({ valid: true, resourceUri });
      const wrong = await verifyEnvelope(dsseEnvelopeSchema.parse(JSON.parse(text)), [publicKey], {
        expectedResourceUri: pathToFileURL(aptProd).href,
      });
      expect(wrong.valid).toBe(false);
    }
    const vsaText = await readFile(join(outDir, VSA_FILE), 'utf8');
    const vsa = JSON.parse(
      Buffer.from(dsseEnvelopeSchema.parse(JSON.parse(vsaText)).payload, 'base64').toString('utf8'),
    ) as Statement;
    expect(vsa.subject.map(({ digest }) => digest.sha256)).toEqual([sha('a'), sha('c')]);
    expect(vsaPredicateSchema.parse(vsa.predicate)).toMatchObject({
      verifier: { id: 'https://countersign.dev/countersign@0.1.0' },
      resourceUri,
      verificationResult: 'PASSED',
      inputAttestations: result.files
        .slice(0, 2)
        .map(({ file, sha256 }) => ({ uri: file, digest: { sha256 } })),
    });
    const entries = await readAuditEntries(reviewDir);
    expect(entries.at(-1)).toMatchObject({
      kind: 'attestations-exported',
      data: { resourceUri, signedBy: result.signedBy },
    });
  });
});
