import { randomBytes } from 'node:crypto';
import { docker, runDocker, type DockerRun } from '../../lib/docker/dockerCli';

/**
 * One long-running Debian container for a test file: apt-prod trees mounted
 * read-only, no network, the image's own sources moved away so apt-get
 * update reads nothing but the repository under test.
 */
export class AptContainer {
  private constructor(readonly name: string) {}

  static async start(
    image: string,
    mount: { host: string; container: string },
  ): Promise<AptContainer> {
    const name = `cs-aptprod-test-${randomBytes(4).toString('hex')}`;
    await docker([
      'run',
      '--detach',
      '--rm',
      '--name',
      name,
      '--network',
      'none',
      '--volume',
      `${mount.host}:${mount.container}:ro`,
      image,
      'sleep',
      'infinity',
    ]);
    const container = new AptContainer(name);
    await container.mustRun(
      'mv /etc/apt/sources.list /etc/apt/sources.list.image 2>/dev/null; rm -f /etc/apt/sources.list.d/*; true',
    );
    return container;
  }

  /** Runs a shell script in the container, as root. */
  run(script: string): Promise<DockerRun> {
    return runDocker(['exec', this.name, 'sh', '-c', script]);
  }

  async mustRun(script: string): Promise<string> {
    const result = await this.run(script);
    if (result.code !== 0) {
      throw new Error(`${script} exited ${result.code}: ${result.stdout}${result.stderr}`);
    }
    return result.stdout;
  }

  /**
   * Points apt at one repository (`deb [signed-by=…] file:<path> <suite> <components>`),
   * forgets every list fetched before, and runs apt-get update.
   */
  async update(
    sources: { path: string; suite: string; components: string[] }[],
    keyring: string,
  ): Promise<DockerRun & { output: string }> {
    const lines = sources
      .map(
        (source) =>
          `deb [signed-by=${keyring}] file:${source.path} ${source.suite} ${source.components.join(' ')}`,
      )
      .join('\n');
    const result = await this.run(
      `printf '%s\\n' '${lines}' > /etc/apt/sources.list.d/prod.list && rm -rf /var/lib/apt/lists/* && apt-get update 2>&1`,
    );
    return { ...result, output: result.stdout + result.stderr };
  }

  /**
   * The version the repositories offer (the highest when several do), or
   * "(none)". Unlike apt's candidate it does not depend on what is installed.
   */
  async candidate(pkg: string): Promise<string> {
    const madison = await this.mustRun(`apt-cache madison ${pkg}`);
    const versions = madison
      .split('\n')
      .filter((line) => line.includes('file:'))
      .map((line) => line.split('|')[1]?.trim() ?? '');
    if (versions.length === 0) return '(none)';
    // madison lists the highest version first.
    return versions[0] ?? '(none)';
  }

  async remove(): Promise<void> {
    await runDocker(['rm', '--force', this.name]);
  }
}

/** Whether apt-get update succeeded cleanly: exit 0 and no warning or error line. */
export function updateIsClean(result: { code: number; output: string }): boolean {
  return result.code === 0 && !/^(W|E):/m.test(result.output);
}
