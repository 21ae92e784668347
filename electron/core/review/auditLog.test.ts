import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAuditEntry, checkAuditChain } from './auditLog';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cs-audit-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const log = () => join(dir, 'audit.jsonl');

describe('the audit log', () => {
  it('chains each entry to the one before, in order, even when appended at once', async () => {
    await Promise.all([1, 2, 3].map((n) => appendAuditEntry(dir, 'test', { n })));
    const state = await checkAuditChain(dir);
    expect(state).toMatchObject({ intact: true, entries: 3 });
    const lines = (await readFile(log(), 'utf8')).trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { seq: number }).seq)).toEqual([0, 1, 2]);
  });

  it('reports an edited line and refuses to append after it', async () => {
    await appendAuditEntry(dir, 'test', { decision: 'reject' });
    await appendAuditEntry(dir, 'test', { n: 2 });
    const text = await readFile(log(), 'utf8');
    await writeFile(log(), text.replace('reject', 'approve'));
    expect(await checkAuditChain(dir)).toMatchObject({ intact: false, brokenAtLine: 2 });
    await expect(appendAuditEntry(dir, 'test', {})).rejects.toMatchObject({
      code: 'AUDIT_LOG_BROKEN',
    });
  });

  it('reports a removed line', async () => {
    for (const n of [1, 2, 3]) await appendAuditEntry(dir, 'test', { n });
    const lines = (await readFile(log(), 'utf8')).split('\n');
    await writeFile(log(), [lines[0], lines[2], ''].join('\n'));
    expect(await checkAuditChain(dir)).toMatchObject({ intact: false, brokenAtLine: 2 });
  });

  it('reports a line cut off mid-write', async () => {
    await appendAuditEntry(dir, 'test', {});
    await appendFile(log(), '{"seq":1,');
    expect(await checkAuditChain(dir)).toMatchObject({
      intact: false,
      reason: expect.stringContaining('cut off') as string,
    });
  });
});
