import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { machineReportSchema } from '../../../shared/doctor';
import { toAppError } from '../../../shared/errors';
import { pathWithout } from '../../core/doctor/testing/pathWithout';
import { exitCodeForError } from '../exitCodes';
import { doctorCommand } from './doctorCommand';

// The command run in-process (main.ts registers it) with the real probes: its
// output and exit codes on this machine, which has every tool and a running
// Docker engine, then with a tool missing from the PATH and with a DOCKER_HOST
// naming no engine (the machine's dockerd is never touched).

const UNREACHABLE = 'unix:///nonexistent/docker.sock';
let work: string;

/** Runs `countersign doctor` in-process, as main.ts would, with these environment variables. */
async function runDoctor(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  try {
    return { code: await doctorCommand(args), stdout };
  } catch (error) {
    return { code: exitCodeForError(toAppError(error).code), stdout };
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    spy.mockRestore();
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cs-doctor-cli-'));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('countersign doctor', () => {
  it('exits 0 and prints every tool ok on this machine', async () => {
    const { code, stdout } = await runDoctor([]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^git\s+✔ ok\s+\d/m);
    expect(stdout).toContain('✔ Every step can run on this machine.');
  });

  it('exits 1 with a tool missing, naming the fix and the steps it blocks', async () => {
    const { code, stdout } = await runDoctor([], { PATH: await pathWithout(work, 'mmdebstrap') });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^mmdebstrap\s+✘ missing/m);
    expect(stdout).toMatch(/run: (sudo )?apt-get install -y mmdebstrap/);
    expect(stdout).toMatch(
      /✘ rebuild: recipes whose base is a Debian suite to bootstrap cannot run here/,
    );
  });

  it('exits 1 with Docker unreachable, and --json gives the report', async () => {
    const { code, stdout } = await runDoctor(['--json'], { DOCKER_HOST: UNREACHABLE });
    expect(code).toBe(1);
    const report = machineReportSchema.parse(JSON.parse(stdout));
    expect(report.tools.find((check) => check.tool === 'docker')?.status).toBe('unusable');
  });

  it('exits 2 on an unknown option', async () => {
    expect((await runDoctor(['--nope'])).code).toBe(2);
  });
});
