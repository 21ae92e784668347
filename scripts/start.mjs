// `npm start`: opens Countersign on the demo release. Uses the Electron app
// where its binary can be had; otherwise says so in one sentence and opens
// browser mode, printing the URL.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const home =
  process.env.COUNTERSIGN_HOME ??
  join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'countersign');
const demoDir = join(home, 'demo');
const projectFile = join(demoDir, 'project.json');
const cli = ['bin/countersign.js'];

if (!existsSync('out/cli/main.js') || !existsSync('out/renderer/index.html')) {
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
if (!existsSync(projectFile)) {
  const made = spawnSync(process.execPath, [...cli, 'demo', '--dir', demoDir], {
    stdio: 'inherit',
  });
  // Exit 3 is an environment problem (no Docker for CI's build): still open the
  // app on the signed tags, and say what is missing.
  if (made.status === 3) {
    console.log(
      "Making the demo without CI's apt-test, which needs Docker: step 1 works; start Docker and delete the demo folder for the rest.",
    );
    const plain = spawnSync(process.execPath, [...cli, 'demo', '--dir', demoDir, '--no-ci'], {
      stdio: 'inherit',
    });
    if (plain.status !== 0) process.exit(plain.status ?? 1);
  } else if (made.status !== 0) process.exit(made.status ?? 1);
}

/** The Electron binary's path if it is installed, or can be fetched now; otherwise null. */
function electronBinary() {
  const located = () => {
    const pathFile = 'node_modules/electron/path.txt';
    if (!existsSync(pathFile)) return null;
    const binary = join('node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  };
  if (located()) return located();
  if (!existsSync('node_modules/electron/install.js')) return null;
  spawnSync(process.execPath, ['node_modules/electron/install.js'], {
    stdio: 'ignore',
    timeout: 120_000,
  });
  return located();
}

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const binary = hasDisplay ? electronBinary() : null;
if (binary) {
  const child = spawn(binary, ['out/main/main.js', '--project', projectFile], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    hasDisplay
      ? 'The Electron binary is not available on this machine (it could not be downloaded), so Countersign opens in browser mode instead.'
      : 'There is no display here to open the Electron app on, so Countersign opens in browser mode instead.',
  );
  const child = spawn(process.execPath, [...cli, 'serve', '--project', projectFile], {
    stdio: 'inherit',
  });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}
