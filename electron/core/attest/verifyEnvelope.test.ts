import * as openpgp from 'openpgp';
import { describe, expect, it } from 'vitest';
import {
  IN_TOTO_STATEMENT_TYPE,
  type DsseEnvelope,
  type Statement,
} from '../../../shared/attestation';
import { readReleaseKey, withUnlockedKey } from '../lib/openpgp/index';
import { generatedKey, TEST_PASSPHRASE } from '../lib/openpgp/testing/generatedKeys';
import { signEnvelope } from './dsse';
import { openpgpSigner } from './openpgpSigner';
import { buildVerificationSummary } from './verificationSummary';
import { verifyEnvelope } from './verifyEnvelope';

const APT_PROD = 'https://apt.example.org/';
const subjects = [{ name: 'hello_1.0_amd64.deb', digest: { sha256: 'ab'.repeat(32) } }];
const vsa = (resourceUri = APT_PROD) =>
  buildVerificationSummary({
    subjects,
    inputAttestations: [{ uri: 'hello_1.0_amd64.deb.intoto.json', sha256: 'cd'.repeat(32) }],
    resourceUri,
    timeVerified: new Date('2025-01-02T03:04:05Z'),
  });

async function signedBy(statement: Statement, options: { signingSubkeys?: number } = {}) {
  const { armored, publicKey } = await generatedKey(options);
  const key = await readReleaseKey(armored);
  const envelope = await withUnlockedKey(key, TEST_PASSPHRASE, (unlocked) => {
    const { sign, keyid } = openpgpSigner(unlocked, new Date());
    return signEnvelope(statement, sign, keyid);
  });
  return { envelope, publicKey, signingKey: key.info.signingKey.fingerprint };
}

const withPayload = (envelope: DsseEnvelope, edit: (statement: Statement) => unknown) => {
  const statement = JSON.parse(
    Buffer.from(envelope.payload, 'base64').toString('utf8'),
  ) as Statement;
  return {
    ...envelope,
    payload: Buffer.from(JSON.stringify(edit(statement))).toString('base64'),
  };
};

describe('verifyEnvelope', () => {
  it('accepts a VSA signed by the release key, naming the (sub)key that signed', async () => {
    const { envelope, publicKey, signingKey } = await signedBy(vsa(), { signingSubkeys: 1 });
    const verdict = await verifyEnvelope(envelope, [publicKey], { expectedResourceUri: APT_PROD });
    expect(verdict).toMatchObject({
      valid: true,
      reason: null,
      signedBy: signingKey,
      subjects,
      resourceUri: APT_PROD,
      resourceUriChecked: true,
    });
    expect(envelope.signatures[0]?.keyid).toBe(signingKey);
  });

  it('makes a signature over PAE that openpgp.js verifies on its own', async () => {
    const { envelope, publicKey } = await signedBy(vsa());
    const signature = await openpgp.readSignature({
      binarySignature: Buffer.from(envelope.signatures[0]?.sig ?? '', 'base64'),
    });
    const payload = Buffer.from(envelope.payload, 'base64');
    const message = await openpgp.createMessage({
      binary: Buffer.concat([
        Buffer.from(`DSSEv1 28 application/vnd.in-toto+json ${payload.length} `),
        payload,
      ]),
    });
    const { signatures } = await openpgp.verify({
      message,
      signature,
      verificationKeys: publicKey,
    });
    await expect(signatures[0]?.verified).resolves.toBe(true);
  });

  it('refuses a tampered payload', async () => {
    const { envelope, publicKey } = await signedBy(vsa());
    const tampered = withPayload(envelope, (statement) => ({
      ...statement,
      subject: [{ name: 'evil.deb', digest: { sha256: 'ee'.repeat(32) } }],
    }));
    const verdict = await verifyEnvelope(tampered, [publicKey]);
    expect(verdict.valid).toBe(false);
    expect(verdict.reason).toContain('signature does not verify');
  });

  it('refuses a tampered signature', async () => {
    const { envelope, publicKey } = await signedBy(vsa());
    const sig = Buffer.from(envelope.signatures[0]?.sig ?? '', 'base64');
    sig[sig.length - 5] = (sig[sig.length - 5] ?? 0) ^ 0xff;
    const verdict = await verifyEnvelope(
      { ...envelope, signatures: [{ ...envelope.signatures[0], sig: sig.toString('base64') }] },
      [publicKey],
    );
    expect(verdict.valid).toBe(false);
    expect(verdict.reason).toContain('signature does not verify');
  });

  it('refuses a signature by a key that is not trusted', async () => {
    const { envelope } = await signedBy(vsa());
    const other = await generatedKey();
    const verdict = await verifyEnvelope(envelope, [other.publicKey]);
    expect(verdict.valid).toBe(false);
    expect(verdict.reason).toContain('no signature verifies with a trusted key');
  });

  it('refuses a changed payload type, which the signature covers too', async () => {
    const { envelope, publicKey } = await signedBy(vsa());
    const verdict = await verifyEnvelope({ ...envelope, payloadType: 'text/plain' }, [publicKey]);
    expect(verdict.valid).toBe(false);
    expect(verdict.reason).toContain('payload type');
  });

  it('refuses a VSA about another repository than the one expected', async () => {
    const { envelope, publicKey } = await signedBy(vsa('https://elsewhere.example.org/'));
    const verdict = await verifyEnvelope(envelope, [publicKey], { expectedResourceUri: APT_PROD });
    expect(verdict.valid).toBe(false);
    expect(verdict.reason).toContain('https://elsewhere.example.org/');
    expect(verdict.reason).toContain(APT_PROD);
  });

  it('says when the resource was not checked', async () => {
    const { envelope, publicKey } = await signedBy(vsa());
    const verdict = await verifyEnvelope(envelope, [publicKey]);
    expect(verdict).toMatchObject({
      valid: true,
      resourceUriChecked: false,
      resourceUri: APT_PROD,
    });
  });

  it('refuses a signed VSA that failed, or whose verifier is not Countersign', async () => {
    const failed = vsa();
    failed.predicate = { ...failed.predicate, verificationResult: 'FAILED' };
    const first = await signedBy(failed);
    expect((await verifyEnvelope(first.envelope, [first.publicKey])).reason).toContain('FAILED');

    const foreign = vsa();
    foreign.predicate = { ...foreign.predicate, verifier: { id: 'https://example.org/other' } };
    const second = await signedBy(foreign);
    expect((await verifyEnvelope(second.envelope, [second.publicKey])).reason).toContain(
      'not Countersign',
    );
  });

  it('refuses a signed statement without SHA-256 subjects, or of a foreign predicate type', async () => {
    const noSha = { ...vsa(), subject: [{ name: 'a', digest: { sha1: 'ab'.repeat(20) } }] };
    const first = await signedBy(noSha as unknown as Statement);
    expect((await verifyEnvelope(first.envelope, [first.publicKey])).reason).toContain(
      'in-toto Statement v1',
    );

    const foreign: Statement = {
      _type: IN_TOTO_STATEMENT_TYPE,
      subject: subjects,
      predicateType: 'https://slsa.dev/provenance/v1',
      predicate: {},
    };
    const second = await signedBy(foreign);
    expect((await verifyEnvelope(second.envelope, [second.publicKey])).reason).toContain(
      'not one Countersign issues',
    );
  });

  it('refuses a signature labelled with another keyid', async () => {
    const { envelope, publicKey } = await signedBy(vsa());
    const relabelled = {
      ...envelope,
      signatures: [{ sig: envelope.signatures[0]?.sig ?? '', keyid: 'F'.repeat(40) }],
    };
    const verdict = await verifyEnvelope(relabelled, [publicKey]);
    expect(verdict.valid).toBe(false);
    expect(verdict.reason).toContain('labelled');
  });
});
