import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockedSteps, machineReportSchema, stepBlockers } from '../../../shared/doctor';
import { createCountersignCore } from '../countersignCore';
import { checkMachine } from './index';
import { pathWithout } from './testing/pathWithout';

// The real probes on this machine, which has every tool and a running Docker
// engine; a tool made missing by a PATH without it, and Docker made
// unreachable by a DOCKER_HOST naming no engine (the machine's dockerd is
// never touched: other tests use it).

const UNREACHABLE = 'unix:///nonexistent/docker.sock';
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cs-doctor-'));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('checkMachine on this machine', () => {
  it('finds every tool present and usable, each with its version, and no step blocked', async () => {
    const report = machineReportSchema.parse(await checkMachine());
    for (const check of report.tools) {
      expect({ tool: check.tool, status: check.status }).toEqual({
        tool: check.tool,
        status: 'ok',
      });
      expect(check.version).toMatch(/\d/);
      expect(check.fix).toBeNull();
    }
    expect(blockedSteps(report)).toEqual([]);
  });

  it('calls diffoscope missing on a PATH without it, with its install command, blocking part of review', async () => {
    const report = await checkMachine({
      env: { ...process.env, PATH: await pathWithout(work, 'diffoscope') },
    });
    const diffoscope = report.tools.find((check) => check.tool === 'diffoscope');
    expect(diffoscope).toMatchObject({ status: 'missing', version: null });
    expect(diffoscope?.fix).toMatch(/apt-get install -y diffoscope-minimal$/);
    expect(report.tools.filter((check) => check.status !== 'ok').map((c) => c.tool)).toEqual([
      'diffoscope',
    ]);
    expect(blockedSteps(report).map((step) => [step.step, step.whole])).toEqual([
      ['review', false],
    ]);
  });

  it('calls git missing on a PATH without it, blocking tag and rebuild whole', async () => {
    const report = await checkMachine({
      env: { ...process.env, PATH: await pathWithout(work, 'git') },
    });
    expect(blockedSteps(report).map((step) => [step.step, step.whole])).toEqual([
      ['tag', true],
      ['rebuild', true],
    ]);
  });

  it('calls Docker unusable when DOCKER_HOST names no engine, in its own words, with the start command', async () => {
    const report = await checkMachine({ env: { ...process.env, DOCKER_HOST: UNREACHABLE } });
    const docker = report.tools.find((check) => check.tool === 'docker');
    expect(docker?.status).toBe('unusable');
    expect(docker?.problem).toContain(`DOCKER_HOST=${UNREACHABLE}`);
    expect(docker?.problem).toMatch(/Cannot connect to the Docker daemon/);
    expect(docker?.fix).toMatch(/^unset DOCKER_HOST && /);
    expect(stepBlockers(report, 'rebuild')?.whole).toBe(true);
    expect(stepBlockers(report, 'tag')).toBeNull();
  });

  it('answers machine:check without an open project', async () => {
    const { api } = createCountersignCore(null);
    const report = machineReportSchema.parse(await api['machine:check']({}));
    expect(report.tools.map((check) => check.tool)).toContain('docker');
  });
});
