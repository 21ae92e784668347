import { rename, rm } from 'node:fs/promises';
import { CountersignError } from '../../../../shared/errors';
import { runGit } from './runGit';

/** Transports a source URL may use; never `ext::`, which runs a command. */
const ALLOWED_PROTOCOLS = 'file:git:http:https:ssh';
const FETCH_TIMEOUT_MS = 10 * 60_000;

/** Whether a source names a remote repository (a URL or scp-like `host:path`) rather than a folder. */
export function isRepositoryUrl(source: string): boolean {
  return /^(https?|git|ssh|file):\/\//i.test(source) || /^[\w.-]+@[\w.-]+:/.test(source);
}

function failed(action: string, url: string, stderr: string): CountersignError {
  const reason = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('hint:'))
    .slice(-1)[0];
  return new CountersignError(
    'FETCH_FAILED',
    `Countersign could not ${action} ${JSON.stringify(url)}${reason ? `: ${reason.slice(0, 300)}` : '.'}`,
    'Check the URL and that this machine reaches it (git ls-remote URL).',
  );
}

const env = { GIT_ALLOW_PROTOCOL: ALLOWED_PROTOCOLS, GIT_TERMINAL_PROMPT: '0' };

/**
 * Mirrors a remote repository as a bare clone at `into` (written beside it
 * first, then renamed: a failed clone leaves nothing behind).
 */
export async function cloneMirror(url: string, into: string): Promise<void> {
  const partial = `${into}.partial`;
  await rm(partial, { recursive: true, force: true });
  const result = await runGit(['clone', '--mirror', '--quiet', '--', url, partial], {
    env,
    timeoutMs: FETCH_TIMEOUT_MS,
  }).catch((error: unknown) => ({ code: -1, stdout: Buffer.alloc(0), stderr: String(error) }));
  if (result.code !== 0) {
    await rm(partial, { recursive: true, force: true });
    throw failed('mirror', url, result.stderr);
  }
  await rename(partial, into);
}

/**
 * Fetches a mirror's new tags and branches. A tag already here is never moved:
 * a remote that rewrote a released tag is not followed, and the tags it moved
 * are returned so a person can ask why.
 */
export async function fetchMirror(mirror: string, url: string): Promise<{ movedTags: string[] }> {
  const result = await runGit(
    [
      '-C',
      mirror,
      'fetch',
      '--no-tags',
      '--no-progress',
      '--',
      url,
      'refs/tags/*:refs/tags/*',
      '+refs/heads/*:refs/heads/*',
    ],
    { env, timeoutMs: FETCH_TIMEOUT_MS },
  ).catch((error: unknown) => ({ code: -1, stdout: Buffer.alloc(0), stderr: String(error) }));
  const movedTags = [
    ...result.stderr.matchAll(/\[rejected\]\s+(\S+)\s+->\s+\S+\s+\(would clobber existing tag\)/g),
  ].map((match) => match[1] ?? '');
  if (result.code === 0 || movedTags.length > 0) return { movedTags };
  throw failed('fetch from', url, result.stderr);
}
