import { describe, expect, it } from 'vitest';
import { dockerStartCommand, installCommand, type FixSetting } from './fixCommands';

const root: FixSetting = { asRoot: true, systemd: false, dockerHost: null };
const user: FixSetting = { asRoot: false, systemd: true, dockerHost: null };

describe('fix commands', () => {
  it("names each tool's Debian package, with sudo only when not root", () => {
    expect(installCommand('diffoscope', root)).toBe('apt-get install -y diffoscope-minimal');
    expect(installCommand('docker', root)).toBe('apt-get install -y docker.io');
    expect(installCommand('xz', user)).toBe('sudo apt-get install -y xz-utils');
    expect(installCommand('git', user)).toBe('sudo apt-get install -y git');
  });

  it('starts Docker with systemd where systemd runs, else dockerd in the background', () => {
    expect(dockerStartCommand('Cannot connect to the Docker daemon', user)).toBe(
      'sudo systemctl start docker',
    );
    expect(dockerStartCommand('Cannot connect to the Docker daemon', root)).toBe('dockerd &');
  });

  it("drops a DOCKER_HOST that names no engine and starts this machine's", () => {
    expect(
      dockerStartCommand('Cannot connect', {
        ...root,
        dockerHost: 'unix:///nonexistent/docker.sock',
      }),
    ).toBe('unset DOCKER_HOST && dockerd &');
  });

  it('adds a user refused by the socket to the docker group', () => {
    expect(
      dockerStartCommand(
        'permission denied while trying to connect to the Docker daemon socket',
        user,
      ),
    ).toBe('sudo usermod -aG docker "$USER" && newgrp docker');
  });
});
