import { describe, expect, it } from 'vitest';
import { judgeProbe, versionIn, type ProbeSetting } from './checkTool';

const setting: ProbeSetting = {
  env: {},
  timeoutMs: 1000,
  asRoot: true,
  systemd: false,
  dockerHost: null,
};

describe('judging a probe', () => {
  it("reads the version from each tool's first line", () => {
    expect(versionIn('git version 2.39.5\n')).toBe('2.39.5');
    expect(versionIn('diffoscope 240\n')).toBe('240');
    expect(versionIn('gpgv (GnuPG) 2.2.40\nlibgcrypt 1.10.1\n')).toBe('2.2.40');
    expect(versionIn('20.10.24+dfsg1\n')).toBe('20.10.24+dfsg1');
  });

  it('calls a tool not on the PATH missing, with the command that installs it and the steps it blocks', () => {
    const check = judgeProbe('git', { kind: 'not-found' }, setting);
    expect(check).toMatchObject({
      status: 'missing',
      version: null,
      fix: 'apt-get install -y git',
    });
    expect(check.blocks.map((need) => need.step)).toEqual(['tag', 'rebuild']);
  });

  it('calls an installed Docker without an engine unusable, in its own words, with the start command', () => {
    const said =
      'Cannot connect to the Docker daemon at unix:///x.sock. Is the docker daemon running?';
    const check = judgeProbe(
      'docker',
      { kind: 'ran', code: 1, stdout: '', stderr: `${said}\n` },
      { ...setting, dockerHost: 'unix:///x.sock' },
    );
    expect(check.status).toBe('unusable');
    expect(check.problem).toContain('DOCKER_HOST=unix:///x.sock');
    expect(check.problem).toContain(said);
    expect(check.fix).toBe('unset DOCKER_HOST && dockerd &');
  });

  it('calls a tool that does not answer in time unusable', () => {
    const check = judgeProbe('diffoscope', { kind: 'timed-out', seconds: 10 }, setting);
    expect(check.status).toBe('unusable');
    expect(check.problem).toContain('did not answer within 10 s');
  });

  it('says no step runs gpgv', () => {
    expect(judgeProbe('gpgv', { kind: 'not-found' }, setting).blocks).toEqual([]);
  });
});
