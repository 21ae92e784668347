import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildVerificationSummary, openpgpSigner, signEnvelope } from '../attest/index';
import { readReleaseKey, withUnlockedKey } from '../lib/openpgp/index';
import { generatedKey, TEST_PASSPHRASE } from '../lib/openpgp/testing/generatedKeys';
import { checkPublishedAttestations } from './checkPublishedAttestations';

const SHA = 'a'.repeat(64);
const promotion = {
  tag: 'v1.0',
  packages: [{ label: 'hello 1.0 (all)', sha256: SHA }],
  files: [],
  withdrawn: new Set<string>(),
};
const served = new Map([[SHA, 'pool/main/h/hello/hello_1.0_all.deb']]);
let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'countersign-published-attest-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

let releaseKey: Awaited<ReturnType<typeof generatedKey>>;
beforeAll(async () => {
  releaseKey = await generatedKey();
});

/** A VSA signed by the release key, listing `inputs`, published under attestations/v1.0/. */
async function publishVsa(inputs: { uri: string; sha256: string }[]) {
  const { armored, publicKey } = releaseKey;
  const key = await readReleaseKey(armored);
  const envelope = await withUnlockedKey(key, TEST_PASSPHRASE, (unlocked) => {
    const { sign, keyid } = openpgpSigner(unlocked, new Date());
    const vsa = buildVerificationSummary({
      subjects: [{ name: 'hello_1.0_all.deb', digest: { sha256: SHA } }],
      inputAttestations: inputs,
      resourceUri: 'https://apt.example.org/',
      timeVerified: new Date(),
    });
    return signEnvelope(vsa, sign, keyid);
  });
  await mkdir(join(root, 'attestations', 'v1.0'), { recursive: true });
  await writeFile(join(root, 'attestations', 'v1.0', 'vsa.intoto.json'), JSON.stringify(envelope));
  return publicKey;
}

describe('checkPublishedAttestations', () => {
  it('reads no file a hostile VSA names outside its folder, and fails it', async () => {
    await writeFile(join(root, 'secret.intoto.json'), '{}');
    const key = await publishVsa([
      { uri: '../../secret.intoto.json', sha256: SHA },
      { uri: '/etc/passwd', sha256: SHA },
    ]);
    const check = await checkPublishedAttestations(root, [key], promotion, served);
    expect(check.status).toBe('failed');
    expect(check.files.map((file) => [file.status, file.problem])).toEqual([
      ['verified', null],
      ['failed', 'the VSA lists "../../secret.intoto.json", which is not a file of this folder'],
      ['failed', 'the VSA lists "/etc/passwd", which is not a file of this folder'],
    ]);
    // Nothing attests the package, whatever the VSA's own subjects say.
    expect(check.problems).toEqual([
      'The VSA names "hello_1.0_all.deb", but no statement it lists attests it.',
      '"hello 1.0 (all)" was promoted, but no attestation here attests it.',
    ]);
  });

  it('says what to do when the release was never attested here', async () => {
    const check = await checkPublishedAttestations(root, [], promotion, served);
    expect(check).toMatchObject({ status: 'failed', folder: 'attestations/v1.0' });
    expect(check.files).toEqual([
      {
        file: 'attestations/v1.0/vsa.intoto.json',
        status: 'missing',
        subjects: [],
        problem: 'apt-prod does not serve it',
      },
    ]);
    expect(check.problems[0]).toContain('countersign attest export --out attestations/v1.0');
  });

  it('fails a VSA listed where a statement belongs, though its signature verifies', async () => {
    const key = await publishVsa([]);
    const folder = join(root, 'attestations', 'v1.0');
    // The VSA is a valid, signed envelope: listed by another VSA as a statement, it is refused.
    const vsaBytes = await readFile(join(folder, 'vsa.intoto.json'));
    await writeFile(join(folder, 'other.intoto.json'), vsaBytes);
    const sha256 = createHash('sha256').update(vsaBytes).digest('hex');
    await publishVsa([{ uri: 'other.intoto.json', sha256 }]);
    const check = await checkPublishedAttestations(root, [key], promotion, served);
    expect(check.files[1]).toMatchObject({
      file: 'attestations/v1.0/other.intoto.json',
      status: 'failed',
    });
    expect(check.files[1]?.problem).toMatch(
      /predicate type .*verification_summary.*, not https:\/\/countersign.dev\/attestations\/rebuild\/v1/,
    );
  });

  it('fails a VSA signed by a key other than the release key', async () => {
    await publishVsa([]);
    const { publicKey: other } = await generatedKey();
    const check = await checkPublishedAttestations(root, [other], promotion, served);
    expect(check.files[0]).toMatchObject({ status: 'failed' });
    expect(check.files[0]?.problem).toMatch(/signature does not verify/);
  });
});
