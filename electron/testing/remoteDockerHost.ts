import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

// A second, independent Docker engine on this machine, reached the way a team
// reaches a build host: DOCKER_HOST=ssh://root@<address>. dockerd and sshd run
// in their own network namespace, so the ssh connection crosses a real link
// that cut() can take down. Test-only: product code never imports this.

/** A remote Docker engine behind sshd, for tests. */
export interface RemoteDockerHost {
  /** e.g. ssh://root@10.213.7.2 */
  dockerHost: string;
  /** The one name (cs-rdh-<random>) the namespace, folder and cgroups carry. */
  name: string;
  /** The remote engine's data root, as its `docker info` reports it. */
  dataRoot: string;
  /**
   * What a process needs to use it: DOCKER_HOST, and PATH with an `ssh` wrapper
   * first that passes our own ssh config (never ~/.ssh or /etc/ssh).
   */
  env: Record<string, string>;
  /** Copies an image from the local engine to the remote one, unless present there. */
  loadImage(reference: string): Promise<void>;
  /** Records the containers created on the remote engine until stop. */
  watchContainers(): ContainerWatch;
  /** Takes the link down, as a network failure would: a running client over ssh fails. */
  cut(): Promise<void>;
  /** Stops everything and removes every trace; safe to call twice. */
  stop(): Promise<void>;
}

export interface SeenContainer {
  id: string;
  image: string;
  name: string;
}

export interface ContainerWatch {
  seen(): SeenContainer[];
  stop(): Promise<void>;
}

interface Layout {
  name: string;
  hostVeth: string;
  remoteVeth: string;
  hostAddress: string;
  remoteAddress: string;
  dir: string;
  dataRoot: string;
  execRoot: string;
  socket: string;
}

interface State {
  dockerd?: ChildProcess;
  sshd?: ChildProcess;
  watches: Set<ContainerWatch>;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  env?: NodeJS.ProcessEnv;
  input?: Readable;
  timeoutMs?: number;
}

/** Runs a command to its end (killed after timeoutMs); never rejects. */
function run(command: string, args: string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      stderr += `\n(killed after ${options.timeoutMs} ms)`;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: `${stderr}${error.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.on('error', () => {});
    if (options.input) options.input.pipe(child.stdin);
    else child.stdin.end();
  });
}

/** Runs a command and throws with its own words when it fails. */
async function must(command: string, args: string[], options: RunOptions = {}): Promise<string> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.code}): ${result.stderr.trim()}`,
    );
  }
  return result.stdout.trim();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until check passes; gives up early when the daemon it waits for died. */
async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  daemon?: { child: ChildProcess; log: string },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    if (daemon && daemon.child.exitCode !== null) {
      throw new Error(`${what} exited (${daemon.child.exitCode}):\n${logTail(daemon.log)}`);
    }
    await sleep(200);
  }
  const log = daemon ? `:\n${logTail(daemon.log)}` : '';
  throw new Error(`${what} did not come up within ${timeoutMs} ms${log}`);
}

function logTail(log: string): string {
  return readFileSync(log, 'utf8').trim().split('\n').slice(-5).join('\n');
}

/** A /30 in 10.213.0.0/16 (rarely used) whose /24 no route on this machine mentions. */
async function pickSubnet(): Promise<[string, string]> {
  const routes = await must('ip', ['-4', 'route', 'show', 'table', 'all']);
  for (let attempt = 0; attempt < 50; attempt++) {
    const third = randomInt(256);
    if (routes.includes(`10.213.${third}.`)) continue;
    const base = randomInt(64) * 4;
    return [`10.213.${third}.${base + 1}`, `10.213.${third}.${base + 2}`];
  }
  throw new Error('No free /24 in 10.213.0.0/16 for the remote Docker host.');
}

async function makeLayout(): Promise<Layout> {
  const suffix = randomBytes(4).toString('hex');
  const name = `cs-rdh-${suffix}`;
  const dir = join(tmpdir(), name);
  const [hostAddress, remoteAddress] = await pickSubnet();
  return {
    name,
    // Interface names are limited to 15 characters.
    hostVeth: `rdh-${suffix}`,
    remoteVeth: `rdhp-${suffix}`,
    hostAddress,
    remoteAddress,
    dir,
    dataRoot: join(dir, 'data'),
    execRoot: join(dir, 'exec'),
    socket: join(dir, 'docker.sock'),
  };
}

async function createNetwork(layout: Layout): Promise<void> {
  const { name, hostVeth, remoteVeth } = layout;
  await must('ip', ['netns', 'add', name]);
  await must('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
  await must('ip', ['link', 'add', hostVeth, 'type', 'veth', 'peer', 'name', remoteVeth]);
  await must('ip', ['link', 'set', remoteVeth, 'netns', name]);
  await must('ip', ['addr', 'add', `${layout.hostAddress}/30`, 'dev', hostVeth]);
  await must('ip', ['link', 'set', hostVeth, 'up']);
  await must('ip', ['-n', name, 'addr', 'add', `${layout.remoteAddress}/30`, 'dev', remoteVeth]);
  await must('ip', ['-n', name, 'link', 'set', remoteVeth, 'up']);
  // Out to the archive as a build host goes: via this machine, masqueraded.
  await must('ip', ['-n', name, 'route', 'add', 'default', 'via', layout.hostAddress]);
  for (const rule of forwardRules(layout)) await must('iptables', ['-I', ...rule]);
}

/** This machine's rules that forward and masquerade the namespace's traffic (FORWARD drops by default where Docker runs). */
function forwardRules(layout: Layout): string[][] {
  const { hostVeth, remoteAddress } = layout;
  return [
    ['FORWARD', '-i', hostVeth, '-j', 'ACCEPT'],
    [
      'FORWARD',
      '-o',
      hostVeth,
      '-m',
      'conntrack',
      '--ctstate',
      'RELATED,ESTABLISHED',
      '-j',
      'ACCEPT',
    ],
    [
      'POSTROUTING',
      '-t',
      'nat',
      '-s',
      `${remoteAddress}/32`,
      '!',
      '-o',
      hostVeth,
      '-j',
      'MASQUERADE',
    ],
  ];
}

function sshdConfig(layout: Layout): string {
  const { dir } = layout;
  return [
    `ListenAddress ${layout.remoteAddress}:22`,
    `HostKey ${join(dir, 'host_key')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    'PermitRootLogin prohibit-password',
    'AllowUsers root',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    // The keys live under /tmp, which is world-writable: StrictModes would refuse them.
    'StrictModes no',
    'AllowTcpForwarding no',
    'X11Forwarding no',
    'PrintMotd no',
    // The session side notices a dead client too, so no session outlives cut() for long.
    'ClientAliveInterval 2',
    'ClientAliveCountMax 3',
    // The remote's `docker system dial-stdio` must reach this engine, not the local one.
    `SetEnv DOCKER_HOST=unix://${layout.socket}`,
    '',
  ].join('\n');
}

function sshConfig(layout: Layout): string {
  const { dir } = layout;
  return [
    'Host *',
    `  IdentityFile ${join(dir, 'client_key')}`,
    '  IdentitiesOnly yes',
    '  IdentityAgent none',
    `  UserKnownHostsFile ${join(dir, 'known_hosts')}`,
    '  GlobalKnownHostsFile /dev/null',
    '  StrictHostKeyChecking yes',
    '  UpdateHostKeys no',
    '  BatchMode yes',
    '  ControlMaster no',
    '  ControlPath none',
    '  ConnectTimeout 5',
    // A cut link is noticed within about three seconds.
    '  ServerAliveInterval 1',
    '  ServerAliveCountMax 3',
    '',
  ].join('\n');
}

const keygen = (file: string, comment: string) =>
  must('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);

/** Keys, both configs, a known_hosts that pins the host key, and the ssh wrapper. */
async function writeSshFiles(layout: Layout): Promise<void> {
  const { dir, name } = layout;
  await keygen(join(dir, 'host_key'), `${name}-host`);
  await keygen(join(dir, 'client_key'), `${name}-client`);
  const clientKey = await readFile(join(dir, 'client_key.pub'), 'utf8');
  await writeFile(join(dir, 'authorized_keys'), clientKey, { mode: 0o600 });
  const [type, key] = (await readFile(join(dir, 'host_key.pub'), 'utf8')).split(' ');
  await writeFile(join(dir, 'known_hosts'), `${layout.remoteAddress} ${type} ${key}\n`);
  await writeFile(join(dir, 'sshd_config'), sshdConfig(layout));
  await writeFile(join(dir, 'ssh_config'), sshConfig(layout));
  await mkdir(join(dir, 'bin'));
  const wrapper = join(dir, 'bin', 'ssh');
  // The docker CLI passes -o ConnectTimeout=30; ssh keeps the first value it
  // reads, so ours goes before it: a cut during a handshake fails in 5 s, not 30.
  const ssh = `exec /usr/bin/ssh -F '${join(dir, 'ssh_config')}' -o ConnectTimeout=5 "$@"`;
  await writeFile(wrapper, `#!/bin/sh\n${ssh}\n`);
  await chmod(wrapper, 0o755);
}

/** Starts a long-running daemon with its output in a log file of ours. */
function startDaemon(command: string, args: string[], log: string): ChildProcess {
  const fd = openSync(log, 'a');
  try {
    return spawn(command, args, { stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
}

/** The environment that talks to the remote engine through its socket, not ssh. */
function socketEnv(layout: Layout): NodeJS.ProcessEnv {
  return { ...process.env, DOCKER_HOST: `unix://${layout.socket}` };
}

async function answers(layout: Layout): Promise<boolean> {
  const result = await run('docker', ['version', '--format', '{{.Server.Version}}'], {
    env: socketEnv(layout),
    timeoutMs: 5_000,
  });
  return result.code === 0;
}

/**
 * dockerd with its own roots, socket, pidfile and config, so it spawns its own
 * containerd under exec-root. nsenter enters only the network namespace:
 * `ip netns exec` would remount /sys and hide the cgroup hierarchy dockerd needs.
 */
async function startDockerd(layout: Layout, state: State): Promise<void> {
  const { dir, name } = layout;
  await writeFile(join(dir, 'daemon.json'), '{}\n');
  const log = join(dir, 'dockerd.log');
  state.dockerd = startDaemon(
    'nsenter',
    [
      `--net=/run/netns/${name}`,
      '--',
      'dockerd',
      `--config-file=${join(dir, 'daemon.json')}`,
      `--data-root=${layout.dataRoot}`,
      `--exec-root=${layout.execRoot}`,
      `--pidfile=${join(dir, 'dockerd.pid')}`,
      `--host=unix://${layout.socket}`,
      // Its own docker0, NAT and forwarding: all inside its namespace, apart from the local engine's.
      // A build host's containers reach the archive (apt-get build-dep) through them.
      '--ip6tables=false',
      // Its containers' cgroups carry our name, so stop() can find and remove them.
      `--cgroup-parent=/${name}`,
      '--shutdown-timeout=2',
    ],
    log,
  );
  await waitFor('The remote dockerd', () => answers(layout), 60_000, {
    child: state.dockerd,
    log,
  });
}

function listens(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 1_000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.on('connect', () => done(true));
    socket.on('error', () => done(false));
    socket.on('timeout', () => done(false));
  });
}

async function startSshd(layout: Layout, state: State): Promise<void> {
  // The privilege separation directory; the package's tmpfiles.d makes it
  // under systemd, which this machine lacks. Kept: it is the system's own.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const log = join(layout.dir, 'sshd.log');
  state.sshd = startDaemon(
    'ip',
    [
      'netns',
      'exec',
      layout.name,
      '/usr/sbin/sshd',
      '-D',
      '-e',
      '-f',
      join(layout.dir, 'sshd_config'),
    ],
    log,
  );
  await waitFor('The remote sshd', () => listens(layout.remoteAddress, 22), 15_000, {
    child: state.sshd,
    log,
  });
}

/** Proves that DOCKER_HOST=ssh://… reaches the second engine, not the local one. */
async function assertRemoteEngine(layout: Layout, env: Record<string, string>): Promise<void> {
  const root = await must('docker', ['info', '--format', '{{.DockerRootDir}}'], {
    env: { ...process.env, ...env },
    timeoutMs: 30_000,
  });
  if (root !== layout.dataRoot) {
    throw new Error(`Over ssh, docker answered with data root ${root}, not ${layout.dataRoot}.`);
  }
}

async function loadImage(layout: Layout, reference: string): Promise<void> {
  const env = socketEnv(layout);
  const present = await run('docker', ['image', 'inspect', '--format', '{{.Id}}', reference], {
    env,
  });
  if (present.code === 0) return;
  // Straight into the remote's socket: a 500 MB tar through ssh adds only
  // encryption time and proves nothing the runs over ssh do not.
  const save = spawn('docker', ['save', reference], { stdio: ['ignore', 'pipe', 'pipe'] });
  let saveError = '';
  save.stderr.on('data', (chunk: Buffer) => (saveError += chunk.toString('utf8')));
  const saved = new Promise<number>((resolve) => save.on('close', (code) => resolve(code ?? -1)));
  const loaded = await run('docker', ['load', '--quiet'], {
    env,
    input: save.stdout,
    timeoutMs: 600_000,
  });
  const saveCode = await saved;
  if (saveCode !== 0 || loaded.code !== 0) {
    throw new Error(
      `Copying ${reference} to the remote engine failed: ${saveError.trim()} ${loaded.stderr.trim()}`,
    );
  }
}

/** Parses one `docker events` line: id, image and name, tab-separated. */
function parseEvent(line: string): SeenContainer | undefined {
  const [id, image, name] = line.split('\t');
  return id && image !== undefined && name !== undefined ? { id, image, name } : undefined;
}

function watchContainers(layout: Layout, state: State): ContainerWatch {
  // --since replays what happened after this call even if the subscription
  // is made later, so nothing created right after watchContainers() is missed.
  const since = (Date.now() / 1000).toFixed(3);
  const child = spawn(
    'docker',
    [
      'events',
      '--since',
      since,
      '--filter',
      'type=container',
      '--filter',
      'event=create',
      '--format',
      '{{.Actor.ID}}\t{{index .Actor.Attributes "image"}}\t{{index .Actor.Attributes "name"}}',
    ],
    { env: socketEnv(layout), stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const seen: SeenContainer[] = [];
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const event of lines.map(parseEvent)) if (event) seen.push(event);
  });
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const watch: ContainerWatch = {
    seen: () => [...seen],
    stop: async () => {
      child.kill('SIGTERM');
      await closed;
      state.watches.delete(watch);
    },
  };
  state.watches.add(watch);
  return watch;
}

/**
 * The namespace's end of the link down: packets stop, as when the build host
 * drops off the network. The host's end keeps its route (marked linkdown), so
 * new connections time out on the dead link instead of leaking to the default route.
 */
async function cut(layout: Layout): Promise<void> {
  await must('ip', ['-n', layout.name, 'link', 'set', layout.remoteVeth, 'down']);
}

async function namespacePids(layout: Layout): Promise<number[]> {
  if (!existsSync(`/run/netns/${layout.name}`)) return [];
  const listed = await run('ip', ['netns', 'pids', layout.name]);
  return listed.stdout.split('\n').filter(Boolean).map(Number);
}

function commandName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

function exited(child: ChildProcess | undefined, timeoutMs: number): Promise<boolean> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** sshd and its sessions (with their dial-stdio clients) first, so none holds the engine. */
async function stopSshd(layout: Layout, state: State): Promise<void> {
  state.sshd?.kill('SIGKILL');
  for (const pid of await namespacePids(layout)) {
    if (['sshd', 'docker'].includes(commandName(pid))) kill(pid, 'SIGKILL');
  }
  await exited(state.sshd, 5_000);
}

/** Containers removed while the engine runs, so it unmounts their layers itself. */
async function stopDockerd(layout: Layout, state: State): Promise<void> {
  if (!state.dockerd) return;
  if (existsSync(layout.socket) && (await answers(layout))) {
    const env = socketEnv(layout);
    const ids = (await run('docker', ['ps', '--all', '--quiet'], { env })).stdout.split('\n');
    const all = ids.filter(Boolean);
    if (all.length > 0) await run('docker', ['rm', '--force', ...all], { env, timeoutMs: 30_000 });
  }
  state.dockerd.kill('SIGTERM');
  if (!(await exited(state.dockerd, 20_000))) state.dockerd.kill('SIGKILL');
  await exited(state.dockerd, 5_000);
}

/** Whatever still runs in the namespace (containerd, shims) is killed and awaited. */
async function emptyNamespace(layout: Layout): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const pids = await namespacePids(layout);
    if (pids.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`Processes left in ${layout.name}: ${pids.join(' ')}`);
    for (const pid of pids) kill(pid, 'SIGKILL');
    await sleep(200);
  }
}

/** Our cgroup (named by --cgroup-parent) under every mounted hierarchy, v1 or v2. */
async function cgroupDirs(layout: Layout): Promise<string[]> {
  const mounts = await readFile('/proc/self/mountinfo', 'utf8');
  return mounts
    .split('\n')
    .map((line) => line.split(' '))
    .filter((fields) => /^cgroup2?$/.test(fields[fields.indexOf('-') + 1] ?? ''))
    .map((fields) => join(fields[4] ?? '/nonexistent', layout.name))
    .filter((dir) => existsSync(dir));
}

/** Kills what is left in a cgroup tree, then removes it deepest first. */
async function removeCgroup(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) if (entry.isDirectory()) await removeCgroup(join(dir, entry.name));
  for (let attempt = 0; ; attempt++) {
    const procs = (await readFile(join(dir, 'cgroup.procs'), 'utf8')).split('\n').filter(Boolean);
    for (const pid of procs) kill(Number(pid), 'SIGKILL');
    try {
      await rmdir(dir);
      return;
    } catch (error) {
      if (attempt >= 25) throw error;
      await sleep(200);
    }
  }
}

/** Mounts an engine killed mid-work left under our folder (mountinfo escapes spaces as \040). */
async function unmountUnder(dir: string): Promise<void> {
  const mounts = await readFile('/proc/self/mountinfo', 'utf8');
  const points = mounts
    .split('\n')
    .map((line) =>
      (line.split(' ')[4] ?? '').replace(/\\(\d{3})/g, (_, octal: string) =>
        String.fromCharCode(parseInt(octal, 8)),
      ),
    )
    .filter((point) => point.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const point of points) await must('umount', ['--lazy', point]);
}

async function removeNetwork(layout: Layout): Promise<void> {
  // Deleting the host end deletes its peer; the namespace may already hold neither.
  for (const rule of forwardRules(layout)) await run('iptables', ['-D', ...rule]);
  await run('ip', ['link', 'del', layout.hostVeth]);
  if (existsSync(`/run/netns/${layout.name}`)) await must('ip', ['netns', 'del', layout.name]);
}

/** Every step runs even when one fails; the failures are reported together. */
async function teardown(layout: Layout, state: State): Promise<void> {
  const steps: Array<[string, () => Promise<void>]> = [
    ['stop watches', async () => void (await Promise.all([...state.watches].map((w) => w.stop())))],
    ['stop sshd', () => stopSshd(layout, state)],
    ['stop dockerd', () => stopDockerd(layout, state)],
    ['empty the namespace', () => emptyNamespace(layout)],
    [
      'remove cgroups',
      async () => {
        for (const dir of await cgroupDirs(layout)) await removeCgroup(dir);
      },
    ],
    ['unmount', () => unmountUnder(layout.dir)],
    ['remove the network', () => removeNetwork(layout)],
    ['remove the folder', () => rm(layout.dir, { recursive: true, force: true })],
  ];
  const failures: string[] = [];
  for (const [what, step] of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failures.length > 0) {
    throw new Error(`The remote Docker host ${layout.name} left traces:\n${failures.join('\n')}`);
  }
}

function clientEnv(layout: Layout, dockerHost: string): Record<string, string> {
  return {
    DOCKER_HOST: dockerHost,
    PATH: `${join(layout.dir, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`,
  };
}

/**
 * Starts a second Docker engine behind sshd in a network namespace of its own
 * (needs root, iproute2, openssh-server, docker.io). Everything made is
 * removed again if any step fails.
 */
export async function startRemoteDockerHost(): Promise<RemoteDockerHost> {
  const layout = await makeLayout();
  // Made first and exclusively: it claims the name, so a failed start never
  // tears down another run's namespace or folder.
  await mkdir(layout.dir, { mode: 0o700 });
  const state: State = { watches: new Set() };
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= teardown(layout, state));
  try {
    await createNetwork(layout);
    await writeSshFiles(layout);
    await startDockerd(layout, state);
    await startSshd(layout, state);
    const dockerHost = `ssh://root@${layout.remoteAddress}`;
    const env = clientEnv(layout, dockerHost);
    await assertRemoteEngine(layout, env);
    return {
      dockerHost,
      name: layout.name,
      dataRoot: layout.dataRoot,
      env,
      loadImage: (reference) => loadImage(layout, reference),
      watchContainers: () => watchContainers(layout, state),
      cut: () => cut(layout),
      stop,
    };
  } catch (error) {
    await stop().catch((cleanup: unknown) => {
      throw new AggregateError([error, cleanup], 'The remote Docker host failed to start.');
    });
    throw error;
  }
}
