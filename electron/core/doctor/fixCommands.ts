import type { MachineTool } from '../../../shared/doctor';

/** The Debian package each tool comes in. */
const DEBIAN_PACKAGE: Record<MachineTool, string> = {
  git: 'git',
  docker: 'docker.io',
  mmdebstrap: 'mmdebstrap',
  diffoscope: 'diffoscope-minimal',
  xz: 'xz-utils',
  gpgv: 'gpgv',
};

/** Where a fix command will run: as root or not, and whether systemd manages services. */
export interface FixSetting {
  asRoot: boolean;
  systemd: boolean;
  /** The DOCKER_HOST the docker CLI was given, if any. */
  dockerHost: string | null;
}

const privileged = (setting: FixSetting, command: string) =>
  setting.asRoot ? command : `sudo ${command}`;

/** The exact command that installs a missing tool on Debian. */
export function installCommand(tool: MachineTool, setting: FixSetting): string {
  return privileged(setting, `apt-get install -y ${DEBIAN_PACKAGE[tool]}`);
}

/**
 * The exact command that makes an installed Docker usable, from what docker
 * said: join the docker group when the socket refuses us, otherwise start the
 * engine (this machine's, so a DOCKER_HOST naming another one is dropped).
 */
export function dockerStartCommand(dockerSaid: string, setting: FixSetting): string {
  if (/permission denied/i.test(dockerSaid) && !setting.asRoot) {
    return 'sudo usermod -aG docker "$USER" && newgrp docker';
  }
  const start = setting.systemd ? 'systemctl start docker' : 'dockerd &';
  const local = privileged(setting, start);
  return setting.dockerHost ? `unset DOCKER_HOST && ${local}` : local;
}
