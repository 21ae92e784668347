import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyFolder,
  promotedDemo,
  type PromotedDemo,
} from '../../core/verify/testing/promotedDemo';

// `countersign audit` on the real audit log of the demo release, walked from
// its tag to its promotion; then on copies of that log, each damaged one way.

const TAG = 'v1.0.0';
let promoted: PromotedDemo;
let work: string;
let copies = 0;

beforeAll(async () => {
  promoted = await promotedDemo(TAG, 'audit');
  work = await mkdtemp(join(tmpdir(), 'cs-audit-cli-'));
}, 900_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
  await promoted?.remove();
});

const keyring = () => promoted.demo.releaseKey.publicKeyFile;

/** A copy of the review whose audit.jsonl lines are rewritten by `edit`. */
async function damagedCopy(edit: (lines: string[]) => string[]): Promise<string> {
  const review = copyFolder(promoted.reviewDir, join(work, `review-${(copies += 1)}`));
  const file = join(review, 'audit.jsonl');
  const lines = (await readFile(file, 'utf8')).split('\n').slice(0, -1);
  await writeFile(file, `${edit(lines).join('\n')}\n`);
  return review;
}

function audit(review: string, json = true) {
  const result = promoted.countersign([
    'audit',
    '--review',
    review,
    '--keyring',
    keyring(),
    ...(json ? ['--json'] : []),
  ]);
  const report = json
    ? (JSON.parse(result.stdout) as {
        chain: { intact: boolean; brokenAtLine?: number; kind?: string };
        items: { kind: string }[];
      })
    : null;
  return { ...result, report };
}

describe('countersign audit on the demo release', () => {
  it('prints the whole history, chain intact and head signed by the release key', () => {
    const { code, report, stderr } = audit(promoted.reviewDir);
    expect(code, stderr).toBe(0);
    expect(report?.chain.intact).toBe(true);
    expect(report?.items.map((item) => item.kind)).toEqual(
      expect.arrayContaining([
        'tag-verified',
        'rebuild-started',
        'rebuild-finished',
        'compare',
        'decision',
        'promotion',
        'attestations-exported',
      ]),
    );
    const text = audit(promoted.reviewDir, false);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/intact/i);
  });

  it.each([
    {
      damage: 'an edited line',
      edit: (lines: string[]) =>
        lines.map((line, index) => (index === 3 ? line.replace(/"at":"\d/, '"at":"1') : line)),
      line: 4,
      kind: 'edited',
    },
    {
      damage: 'a removed line',
      edit: (lines: string[]) => lines.filter((_, index) => index !== 2),
      line: 3,
      kind: 'removed',
    },
    {
      damage: 'two lines swapped',
      edit: (lines: string[]) => [lines[0]!, lines[2]!, lines[1]!, ...lines.slice(3)],
      line: 2,
      kind: 'reordered',
    },
    {
      damage: 'a last line cut off mid-write',
      edit: (lines: string[]) => [...lines.slice(0, -1), lines.at(-1)!.slice(0, 40)],
      kind: 'truncated',
    },
  ])('detects and pinpoints $damage (exit 1)', async ({ edit, line, kind }) => {
    const review = await damagedCopy(edit);
    const { code, report } = audit(review);
    expect(code).toBe(1);
    expect(report?.chain.intact).toBe(false);
    expect(report?.chain.kind).toBe(kind);
    if (line !== undefined) expect(report?.chain.brokenAtLine).toBe(line);
    const text = audit(review, false);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(kind);
  });

  it('refuses a log cut back to before its signed head, though its chain is intact', async () => {
    const review = await damagedCopy((lines) => lines.slice(0, -2));
    const { code, stdout } = audit(review, false);
    expect(code).toBe(1);
    expect(stdout).toContain('✘ signed head: AUDIT_HEAD_MISMATCH');
  });
});
