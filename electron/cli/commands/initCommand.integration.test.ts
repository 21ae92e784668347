import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { toAppError } from '../../../shared/errors';
import { makeDemo } from '../../testing/demoFixture';
import { exitCodeForError } from '../exitCodes';
import { fetchCommand } from './fetchCommand';
import { initCommand } from './initCommand';

// `countersign init` and `fetch` run in-process as main.ts runs them: their
// output and exit codes. Every refusal's code is covered by the engine's own
// integration test (electron/core/setup/setup.integration.test.ts).

let demo: Awaited<ReturnType<typeof makeDemo>>;
let work: string;

async function run(
  command: (args: string[]) => Promise<number>,
  args: string[],
): Promise<{ code: number; stdout: string; error: string }> {
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  try {
    return { code: await command(args), stdout, error: '' };
  } catch (error) {
    const appError = toAppError(error);
    return {
      code: exitCodeForError(appError.code),
      stdout,
      error: `${appError.code}: ${appError.message}`,
    };
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cs-init-cli-'));
  process.env.COUNTERSIGN_HOME = join(work, 'home');
  demo = await makeDemo();
}, 60_000);

afterAll(async () => {
  delete process.env.COUNTERSIGN_HOME;
  await demo?.remove();
  await rm(work, { recursive: true, force: true });
});

describe('countersign init', () => {
  it('sets up a project and says what it holds', async () => {
    const dir = join(work, 'p');
    const result = await run(initCommand, [
      dir,
      '--source',
      demo.repoPath,
      '--signer',
      join(demo.dir, 'keys', 'maintainer.asc'),
      '--apt-prod',
      join(dir, 'apt-prod'),
    ]);
    expect(result).toMatchObject({ code: 0, error: '' });
    expect(result.stdout).toMatch(/identity {5}countersign-hello-[0-9a-f]{8}/);
    expect(result.stdout).toContain(demo.maintainer.primary);
    expect(result.stdout).toMatch(/no public URL: attestations will name a file:\/\/ path/);

    const again = await run(initCommand, [
      dir,
      '--source',
      demo.repoPath,
      '--signer',
      join(demo.dir, 'keys', 'maintainer.asc'),
    ]);
    expect(again).toMatchObject({
      code: 2,
      error: expect.stringMatching(/^PROJECT_EXISTS/) as unknown,
    });

    const fetched = await run(fetchCommand, ['--project', join(dir, 'project.json')]);
    expect(fetched).toMatchObject({
      code: 2,
      error: expect.stringMatching(/^NOT_A_MIRROR/) as unknown,
    });
  });

  it('refuses a call without a folder or without signers, with the usage', async () => {
    expect((await run(initCommand, ['--source', demo.repoPath])).error).toMatch(
      /INVALID_REQUEST: Give the project folder first/,
    );
    expect((await run(initCommand, [join(work, 'q'), '--source', demo.repoPath])).error).toMatch(
      /INVALID_REQUEST: Name at least one trusted signer/,
    );
  });
});
