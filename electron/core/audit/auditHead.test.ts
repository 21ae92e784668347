import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generatedKey, refusal } from '../lib/openpgp/testing/generatedKeys';
import { AUDIT_HEAD_FILE, signAuditHead, verifyAuditHead } from './auditHead';
import { appendAuditEntry } from './auditLog';

let dir: string;
let sign: (text: string) => Promise<string>;
let publicKey: openpgp.PublicKey;
let otherKey: openpgp.PublicKey;
const date = new Date('2026-01-02T03:04:05Z');

beforeAll(async () => {
  const key = await generatedKey({ passphrase: '', date: new Date('2025-01-01T00:00:00Z') });
  const privateKey = await openpgp.readPrivateKey({ armoredKey: key.armored });
  publicKey = key.publicKey;
  otherKey = (await generatedKey({ passphrase: '', date: new Date('2025-01-01T00:00:00Z') }))
    .publicKey;
  sign = async (text) => {
    const signature: unknown = await openpgp.sign({
      message: await openpgp.createMessage({ binary: new TextEncoder().encode(text) }),
      signingKeys: privateKey,
      detached: true,
      format: 'armored',
      date,
    });
    return signature as string;
  };
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cs-audit-head-'));
  for (const n of [0, 1, 2]) await appendAuditEntry(dir, 'test', { n });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const log = () => join(dir, 'audit.jsonl');
const lines = async () => (await readFile(log(), 'utf8')).split('\n').slice(0, -1);

describe('the signed head of an audit log', () => {
  it('signs the last line and verifies against the release key', async () => {
    const head = await signAuditHead(dir, sign, date, 'release-manager');
    expect(head).toMatchObject({ seq: 2, signedAt: date.toISOString(), signer: 'release-manager' });
    const written = JSON.parse(await readFile(join(dir, AUDIT_HEAD_FILE), 'utf8')) as unknown;
    expect(written).toEqual(head);
    expect(await verifyAuditHead(dir, [publicKey])).toMatchObject({
      signed: true,
      head,
      signedBy: [publicKey.getFingerprint().toUpperCase()],
      appendedAfter: 0,
      chain: { intact: true, entries: 3 },
    });
  });

  it('says when a log was never signed', async () => {
    expect(await verifyAuditHead(dir, [publicKey])).toMatchObject({ signed: false });
  });

  it('counts entries appended after the signature', async () => {
    await signAuditHead(dir, sign, date);
    await appendAuditEntry(dir, 'test', { n: 3 });
    await appendAuditEntry(dir, 'test', { n: 4 });
    expect(await verifyAuditHead(dir, [publicKey])).toMatchObject({
      signed: true,
      appendedAfter: 2,
    });
  });

  it('refuses a log cut back after signing', async () => {
    await signAuditHead(dir, sign, date);
    const all = await lines();
    await writeFile(log(), `${all.slice(0, 2).join('\n')}\n`);
    const error = await refusal(verifyAuditHead(dir, [publicKey]));
    expect(error.code).toBe('AUDIT_HEAD_MISMATCH');
    expect(error.message).toContain('cut back');
  });

  it('refuses a signed line rewritten, even with its chain recomputed', async () => {
    await signAuditHead(dir, sign, date);
    const all = await lines();
    await writeFile(
      log(),
      `${[...all.slice(0, 2), (all[2] ?? '').replace('"n":2', '"n":9')].join('\n')}\n`,
    );
    expect((await refusal(verifyAuditHead(dir, [publicKey]))).code).toBe('AUDIT_HEAD_MISMATCH');
  });

  it('refuses a log rebuilt from scratch after signing', async () => {
    await signAuditHead(dir, sign, date);
    await rm(log());
    for (const n of [0, 1, 2]) await appendAuditEntry(dir, 'test', { n: n + 10 });
    const error = await refusal(verifyAuditHead(dir, [publicKey]));
    expect(error.code).toBe('AUDIT_HEAD_MISMATCH');
    expect(error.message).toContain('rewritten');
  });

  it('refuses an earlier signed line edited', async () => {
    await signAuditHead(dir, sign, date);
    const all = await lines();
    all[0] = (all[0] ?? '').replace('"n":0', '"n":5');
    await writeFile(log(), `${all.join('\n')}\n`);
    const error = await refusal(verifyAuditHead(dir, [publicKey]));
    expect(error.code).toBe('AUDIT_HEAD_MISMATCH');
    expect(error.message).toContain('line 1 (edited)');
  });

  it('refuses a head edited after signing, or signed by another key', async () => {
    await signAuditHead(dir, sign, date);
    expect((await refusal(verifyAuditHead(dir, [otherKey]))).code).toBe('AUDIT_HEAD_MISMATCH');
    const path = join(dir, AUDIT_HEAD_FILE);
    await writeFile(path, (await readFile(path, 'utf8')).replace('"seq": 2', '"seq": 1'));
    expect((await refusal(verifyAuditHead(dir, [publicKey]))).code).toBe('AUDIT_HEAD_MISMATCH');
  });

  it('refuses to sign a broken or empty log', async () => {
    await appendFile(log(), '{"seq":3,');
    expect((await refusal(signAuditHead(dir, sign, date))).code).toBe('AUDIT_LOG_BROKEN');
    await rm(log());
    expect((await refusal(signAuditHead(dir, sign, date))).code).toBe('INVALID_REQUEST');
  });
});
