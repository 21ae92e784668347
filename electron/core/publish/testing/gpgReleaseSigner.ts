import { spawn } from 'node:child_process';
import type { ReleaseSigner } from '../publishTypes';

/** Runs gpg in `home` on `input` and returns what it writes to stdout. */
function gpg(home: string, args: string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('gpg', ['--homedir', home, '--batch', '--no-tty', ...args], {
      env: { ...process.env, LC_ALL: 'C' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`gpg ${args.join(' ')} failed (${code}): ${err.trim()}`));
    });
    child.stdin.end(input);
  });
}

/**
 * A Release signer made with real GnuPG, as a publishing step signs:
 * `gpg --clearsign` for InRelease and `gpg --detach-sign --armor` for
 * Release.gpg, SHA-512 (as demoAptRepository does). Takes a GnuPG home by
 * path so a child process can sign with the same key.
 */
export function gpgReleaseSigner(home: string, fingerprint: string): ReleaseSigner {
  const base = ['--local-user', `${fingerprint}!`, '--digest-algo', 'SHA512'];
  return async (text) => ({
    inRelease: await gpg(home, [...base, '--clearsign'], text),
    releaseGpg: await gpg(home, [...base, '--detach-sign', '--armor'], text),
  });
}
