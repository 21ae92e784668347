import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAuditEntry, checkAuditChain, readAuditEntries } from './auditLog';

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
    // Line 1 was edited; line 2 is where it shows (its prev no longer matches).
    expect(await checkAuditChain(dir)).toMatchObject({
      intact: false,
      brokenAtLine: 1,
      kind: 'edited',
    });
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

describe('pinpointing what broke', () => {
  const fiveLines = async () => {
    for (const n of [0, 1, 2, 3, 4]) await appendAuditEntry(dir, 'test', { n });
    return (await readFile(log(), 'utf8')).split('\n').slice(0, 5);
  };
  const write = (lines: string[]) => writeFile(log(), `${lines.join('\n')}\n`);

  it('names an edited line, not the one after it', async () => {
    const lines = await fiveLines();
    lines[2] = (lines[2] ?? '').replace('"n":2', '"n":7');
    await write(lines);
    expect(await checkAuditChain(dir)).toEqual({
      intact: false,
      entries: 2,
      brokenAtLine: 3,
      kind: 'edited',
      reason: 'line 3 was edited: its SHA-256 is not the prev that line 4 carries',
    });
  });

  it('names a line whose seq was edited in place', async () => {
    const lines = await fiveLines();
    lines[1] = (lines[1] ?? '').replace('"seq":1', '"seq":9');
    await write(lines);
    expect(await checkAuditChain(dir)).toMatchObject({ brokenAtLine: 2, kind: 'edited' });
  });

  it('reports a removed line with the seq it expected and found', async () => {
    const lines = await fiveLines();
    await write([lines[0], lines[1], lines[3], lines[4]].map(String));
    expect(await checkAuditChain(dir)).toMatchObject({
      intact: false,
      entries: 2,
      brokenAtLine: 3,
      kind: 'removed',
      reason: 'expected seq 2 at line 3, found 3: entry 2 is missing',
    });
  });

  it('reports a removed first line', async () => {
    const lines = await fiveLines();
    await write(lines.slice(1));
    expect(await checkAuditChain(dir)).toMatchObject({ brokenAtLine: 1, kind: 'removed' });
  });

  it('reports reordered lines, swapped or moved back', async () => {
    const lines = await fiveLines().then((all) => all.map(String));
    await write([lines[0], lines[2], lines[1], lines[3], lines[4]].map(String));
    expect(await checkAuditChain(dir)).toMatchObject({ brokenAtLine: 2, kind: 'reordered' });
    await write([lines[0], lines[1], lines[2], lines[4], lines[3]].map(String));
    expect(await checkAuditChain(dir)).toMatchObject({ brokenAtLine: 4, kind: 'reordered' });
    await write([lines[0], lines[1], lines[2], lines[3], lines[1]].map(String));
    expect(await checkAuditChain(dir)).toMatchObject({
      brokenAtLine: 5,
      kind: 'reordered',
      reason: expect.stringContaining('backwards') as string,
    });
  });

  it('reports a truncated last line, with or without its newline', async () => {
    const lines = await fiveLines();
    await writeFile(log(), `${lines.slice(0, 4).join('\n')}\n${(lines[4] ?? '').slice(0, 30)}`);
    expect(await checkAuditChain(dir)).toMatchObject({
      entries: 4,
      brokenAtLine: 5,
      kind: 'truncated',
    });
    await write([...lines.slice(0, 4), (lines[4] ?? '').slice(0, 30)]);
    expect(await checkAuditChain(dir)).toMatchObject({ brokenAtLine: 5, kind: 'truncated' });
  });

  it('reports a line that is not an entry', async () => {
    const lines = await fiveLines();
    await write([lines[0], 'not json', ...lines.slice(1)].map(String));
    expect(await checkAuditChain(dir)).toMatchObject({ brokenAtLine: 2, kind: 'invalid' });
    await write([lines[0], '{"seq":1}', ...lines.slice(1)].map(String));
    expect(await checkAuditChain(dir)).toMatchObject({
      brokenAtLine: 2,
      kind: 'invalid',
      reason: 'line 2 is not an audit entry',
    });
  });

  it('reads the entries of an intact log and refuses a broken one by line and kind', async () => {
    const lines = await fiveLines();
    expect((await readAuditEntries(dir)).map((entry) => entry.data.n)).toEqual([0, 1, 2, 3, 4]);
    await write(lines.slice(0, 4).concat('{'));
    await expect(readAuditEntries(dir)).rejects.toMatchObject({
      code: 'AUDIT_LOG_BROKEN',
      message: expect.stringContaining('line 5 (truncated)') as string,
    });
  });
});
