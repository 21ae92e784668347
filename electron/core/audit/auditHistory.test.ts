import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHistory } from './auditHistory';
import { appendAuditEntry } from './auditLog';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cs-audit-history-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the audit history', () => {
  it('lists each entry with a summary, and the chain state', async () => {
    await appendAuditEntry(dir, 'tag-verified', {
      tag: 'v1.0.0',
      commit: 'a'.repeat(40),
      signer: 'ABCD',
    });
    await appendAuditEntry(dir, 'decision', {
      artifact: 'k',
      name: 'hello.deb',
      differenceId: './usr/share/doc',
      decision: 'accepted',
      comment: 'build date',
    });
    const history = await auditHistory(dir);
    expect(history.chain).toMatchObject({ intact: true, entries: 2 });
    expect(history.items).toMatchObject([
      {
        line: 1,
        seq: 0,
        kind: 'tag-verified',
        trusted: true,
        summary: 'tag v1.0.0 verified at commit aaaaaaaaaaaa…, signed by ABCD',
      },
      {
        line: 2,
        kind: 'decision',
        trusted: true,
        summary: 'accepted ./usr/share/doc in hello.deb: build date — unsigned',
      },
    ]);
  });

  it('keeps entries after a break, marked untrusted', async () => {
    for (const n of [0, 1, 2]) await appendAuditEntry(dir, 'test', { n });
    const path = join(dir, 'audit.jsonl');
    await writeFile(path, (await readFile(path, 'utf8')).replace('"n":1', '"n":8'));
    const history = await auditHistory(dir);
    expect(history.chain).toMatchObject({ intact: false, brokenAtLine: 2, kind: 'edited' });
    expect(history.items.map((item) => item.trusted)).toEqual([true, false, false]);
  });

  it('is empty for a review with no log', async () => {
    expect(await auditHistory(dir)).toEqual({
      items: [],
      chain: { intact: true, entries: 0, head: '0'.repeat(64) },
    });
  });
});
