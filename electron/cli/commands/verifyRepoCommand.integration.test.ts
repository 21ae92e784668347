import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { toAppError } from '../../../shared/errors';
import type { RepositoryVerification } from '../../../shared/verify';
import {
  copyFolder,
  flipByte,
  listFiles,
  promotedDemo,
  type PromotedDemo,
} from '../../core/verify/testing/promotedDemo';
import { checkReviewAudit } from '../../core/verify/index';
import { exitCodeForError } from '../exitCodes';
import { verifyRepoCommand } from './verifyRepoCommand';

// The command run in-process on the promoted demo (main.ts registers it):
// its output and exit codes, as scripts and release managers see them.

const TAG = 'v1.0.0';
let promoted: PromotedDemo;
let work: string;
let keyring: string;

async function run(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  try {
    return { code: await verifyRepoCommand(args), stdout };
  } catch (error) {
    return { code: exitCodeForError(toAppError(error).code), stdout };
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  promoted = await promotedDemo(TAG, 'verify-cli');
  work = await mkdtemp(join(tmpdir(), 'cs-verify-cli-'));
  keyring = join(work, 'release.asc');
  await writeFile(keyring, promoted.releasePublicKey.armor());
}, 900_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
  await promoted?.remove();
});

describe('countersign verify-repo', () => {
  it('exits 0 and lists each package as verified', async () => {
    const { demo, reviewDir } = promoted;
    const { code, stdout } = await run([
      '--repo',
      demo.aptProd,
      '--keyring',
      keyring,
      '--review',
      reviewDir,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/✔ verified {2}countersign-hello 1\.0\.0/);
    expect(stdout).toMatch(/VERIFIED: 2 of 2 package\(s\) verified/);
  });

  it("records the run in the review's audit log as a verification, as the UI's run does", async () => {
    const { demo, reviewDir } = promoted;
    const before = (await checkReviewAudit(reviewDir, null)).history.items.length;
    const { code } = await run([
      '--repo',
      demo.aptProd,
      '--keyring',
      keyring,
      '--review',
      reviewDir,
    ]);
    expect(code).toBe(0);
    const { history } = await checkReviewAudit(reviewDir, null);
    expect(history.chain.intact).toBe(true);
    expect(history.items).toHaveLength(before + 1);
    expect(history.items.at(-1)).toMatchObject({ kind: 'verification' });
  });

  it('exits 1 and names the broken link and why, in text and in JSON', async () => {
    const copy = copyFolder(promoted.demo.aptProd, join(work, 'apt-prod'));
    const deb = (await listFiles(join(copy, 'pool'))).find((path) =>
      path.includes('countersign-hello-doc_'),
    );
    await flipByte(deb!, 'debian-binary');
    const json = await run(['--repo', copy, '--keyring', keyring, '--json']);
    expect(json.code).toBe(1);
    const result = JSON.parse(json.stdout) as RepositoryVerification;
    const doc = result.suites[0]?.packages.find((pkg) => pkg.package === 'countersign-hello-doc');
    expect(doc?.brokenLink).toBe('index');
    const text = await run(['--repo', copy, '--keyring', keyring]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/FAILED {4}countersign-hello-doc .*broken link: index/);
    expect(text.stdout).toMatch(/its index lists/);
  });

  it('exits 2 without a keyring, or with an unknown option', async () => {
    expect((await run(['--repo', promoted.demo.aptProd])).code).toBe(2);
    expect(
      (await run(['--repo', promoted.demo.aptProd, '--keyring', keyring, '--nope'])).code,
    ).toBe(2);
  });
});
