import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRemoteDockerHost, type RemoteDockerHost } from './remoteDockerHost';

// Real Docker, real sshd, a real network namespace: the engine a team's
// rebuilder reaches as DOCKER_HOST=ssh://. Needs root and the base image an
// earlier rebuild test bootstrapped.

function output(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : '';
}

const baseImage = output('docker', [
  'images',
  '--format',
  '{{.Repository}}:{{.Tag}}',
  'countersign/base',
]).split('\n')[0];

function unavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  for (const tool of ['ip', 'nsenter', 'dockerd', 'ssh', 'ssh-keygen', '/usr/sbin/sshd']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} is missing`;
  }
  if (!output('docker', ['version', '--format', '{{.Server.Version}}'])) return 'no local engine';
  if (!baseImage) return 'no countersign/base image (a rebuild test makes one)';
  return undefined;
}

interface Finished {
  code: number | null;
  stderr: string;
  seconds: number;
}

/** Runs the docker CLI as a rebuild would, with the remote host's environment. */
function dockerOverSsh(host: RemoteDockerHost, args: string[]) {
  const started = Date.now();
  const child = spawn('docker', args, { env: { ...process.env, ...host.env } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const finished = new Promise<Finished>((resolve) =>
    child.on('close', (code) => resolve({ code, stderr, seconds: (Date.now() - started) / 1000 })),
  );
  return { child, finished };
}

/** Container names the local engine created since `since`, from its own event log. */
function localContainersSince(since: string): string[] {
  const until = (Date.now() / 1000 + 1).toFixed(3);
  return output('docker', [
    'events',
    '--since',
    since,
    '--until',
    until,
    '--filter',
    'type=container',
    '--format',
    '{{index .Actor.Attributes "name"}}',
  ]).split('\n');
}

/** Whether the named container runs on the remote engine, asked over ssh. */
function running(host: RemoteDockerHost, name: string): boolean {
  const listed = spawnSync(
    'docker',
    ['ps', '--quiet', '--filter', `name=^${name}$`, '--filter', 'status=running'],
    { env: { ...process.env, ...host.env }, encoding: 'utf8' },
  );
  return listed.stdout.trim() !== '';
}

const reason = unavailable();

describe.skipIf(reason !== undefined)('a remote Docker engine behind ssh', () => {
  let host: RemoteDockerHost;
  const probe = `cs-rdh-probe-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    host = await startRemoteDockerHost();
  }, 120_000);

  afterAll(async () => {
    await host?.stop();
  }, 120_000);

  it('answers over ssh with its own data root, not the local engine’s', () => {
    const root = spawnSync('docker', ['info', '--format', '{{.DockerRootDir}}'], {
      env: { ...process.env, ...host.env },
      encoding: 'utf8',
    });
    expect(root.stderr).toBe('');
    expect(root.stdout.trim()).toBe(host.dataRoot);
    expect(output('docker', ['info', '--format', '{{.DockerRootDir}}'])).not.toBe(host.dataRoot);
    expect(host.dockerHost).toMatch(/^ssh:\/\/root@10\.213\.\d+\.\d+$/);
  });

  it('runs a container from the copied base image there, and only there', async () => {
    const since = (Date.now() / 1000).toFixed(3);
    const watch = host.watchContainers();
    await host.loadImage(baseImage ?? '');
    const run = dockerOverSsh(host, [
      'run',
      '--rm',
      '--network',
      'none',
      '--name',
      probe,
      baseImage ?? '',
      'true',
    ]);
    const done = await run.finished;
    await watch.stop();
    expect(done).toMatchObject({ code: 0, stderr: '' });
    expect(watch.seen()).toContainEqual(expect.objectContaining({ name: probe, image: baseImage }));
    expect(localContainersSince(since)).not.toContain(probe);
    expect(output('docker', ['ps', '--all', '--format', '{{.Names}}'])).not.toContain(probe);
  }, 600_000);

  it('fails a running docker run within seconds when the connection is cut', async () => {
    const sleeper = `${probe}-sleep`;
    const run = dockerOverSsh(host, [
      'run',
      '--rm',
      '--network',
      'none',
      '--name',
      sleeper,
      baseImage ?? '',
      'sleep',
      '60',
    ]);
    // Cut once the container runs: the CLI then only holds its attach and wait
    // streams, as during a long build.
    await expect.poll(() => running(host, sleeper), { timeout: 30_000, interval: 500 }).toBe(true);
    const cutAt = Date.now();
    await host.cut();
    const done = await run.finished;
    const afterCut = (Date.now() - cutAt) / 1000;
    expect(done.code).not.toBe(0);
    expect(afterCut).toBeLessThan(20);
    // What the engine code will classify as an environment problem. The exit
    // code is 125 or 1, depending on which stream of the CLI notices first.
    expect(done.stderr).toMatch(/\[ssh .*dial-stdio\] has exited with exit status 255/);
    expect(done.stderr).toMatch(/stderr=Timeout, server [\d.]+ not responding/);
  }, 60_000);

  it('leaves no namespace, process, link or folder behind once stopped, even stopped twice', async () => {
    await host.stop();
    await host.stop();
    expect(output('ip', ['netns', 'list'])).not.toContain(host.name);
    expect(output('ip', ['link', 'show'])).not.toContain(host.name.replace('cs-rdh-', ''));
    expect(output('ps', ['-eo', 'args'])).not.toContain(host.name);
    expect(existsSync(join(tmpdir(), host.name))).toBe(false);
    expect(readFileSync('/proc/self/mountinfo', 'utf8')).not.toContain(host.name);
    expect(output('find', ['/sys/fs/cgroup', '-maxdepth', '2', '-name', host.name])).toBe('');
  }, 120_000);
});
