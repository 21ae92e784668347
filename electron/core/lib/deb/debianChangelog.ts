import { CountersignError } from '../../../../shared/errors';
import { runGit } from '../git/runGit';
import { parseDebianVersion } from './debianVersion';

/** The top entry of a debian/changelog: the release it describes. */
export interface ChangelogRelease {
  /** The source package's name. */
  source: string;
  /** Its Debian version, epoch included (`1:1.5.2-5.1`). */
  version: string;
  /** The distribution (or distributions, space-separated) it was uploaded to. */
  distribution: string;
}

/**
 * Enough for any header line: only the top entry's is read, so a changelog of
 * any size (or a hostile one) costs at most this much.
 */
const MAX_CHANGELOG_BYTES = 64 * 1024;

// deb-changelog(5) and dpkg's Dpkg::Changelog::Debian: `source (version) distributions; key=value, …`.
const HEADER = /^([a-z0-9][a-z0-9+.-]+) \(([^() \t]+)\)((?:[ \t]+[a-z0-9][a-z0-9+.-]*)+);(.*)$/;

// Control characters but tab: a header is shown on terminals and in the UI.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/**
 * Reads the first entry's header line of a debian/changelog (leading blank
 * lines skipped, as dpkg-parsechangelog does). Returns null for anything that
 * is not such a line: a garbled header, control characters, a version dpkg
 * would refuse. Never throws.
 */
export function parseChangelogHeader(text: string): ChangelogRelease | null {
  const lines = text.split('\n');
  const first = lines.find((line) => line.trim() !== '')?.replace(/\r$/, '');
  if (first === undefined || first.length > 1024 || CONTROL.test(first)) return null;
  const match = HEADER.exec(first);
  if (!match) return null;
  const [, source = '', version = '', distributions = '', options = ''] = match;
  if (!parseDebianVersion(version)) return null;
  if (!/(^|[ \t,])urgency=/i.test(options)) return null;
  return {
    source,
    version,
    distribution: distributions
      .trim()
      .split(/[ \t]+/)
      .join(' '),
  };
}

/** A full or abbreviated commit SHA: nothing git could read as an option or another revision. */
const COMMIT = /^[0-9a-f]{4,64}$/;

/**
 * The release a commit's debian/changelog describes (its top entry), read from
 * the git object, never the working tree: `{ source, version, distribution }`,
 * or null when the commit has no debian/changelog or its top entry's header is
 * not one dpkg would read. A release's version comes from here, not from its
 * tag's name. At most 64 KiB are read. Throws a CountersignError when git
 * cannot be run, the path is not a repository, or the commit does not exist.
 */
export async function readChangelogAt(
  repo: string,
  commit: string,
): Promise<ChangelogRelease | null> {
  if (!COMMIT.test(commit)) {
    throw new CountersignError(
      'INVALID_REQUEST',
      `${JSON.stringify(commit)} is not a commit SHA (hexadecimal, in lower case).`,
    );
  }
  const git = async (args: string[], maxStdoutBytes?: number) => {
    try {
      return await runGit(['-C', repo, ...args], { maxStdoutBytes });
    } catch (error) {
      throw new CountersignError(
        'TOOL_MISSING',
        'git could not be started.',
        `Install git (apt-get install git). ${error instanceof Error ? error.message : ''}`.trim(),
      );
    }
  };
  const found = await git(['rev-parse', '--verify', '--quiet', `${commit}^{commit}`]);
  if (found.code !== 0) {
    throw new CountersignError(
      'REPO_UNREADABLE',
      `${JSON.stringify(repo)} has no commit ${commit}, or is not a git repository Countersign can read.`,
      'Check the repository path, and fetch the release tag (git fetch --tags).',
    );
  }
  const full = found.stdout.toString('utf8').trim();
  // The tree entry first: a regular file only (a symlink's blob is its target's name).
  const entry = await git(['ls-tree', '-z', '--full-tree', full, '--', 'debian/changelog']);
  const listed = /^10(?:0644|0755) blob ([0-9a-f]{40,64})\tdebian\/changelog\0$/.exec(
    entry.stdout.toString('utf8'),
  );
  if (entry.code !== 0 || !listed?.[1]) return null;
  // cat-file, not show: the blob's own bytes, with no textconv or filter a repository could configure.
  const blob = await git(['cat-file', 'blob', listed[1]], MAX_CHANGELOG_BYTES);
  if (blob.code !== 0 && !blob.truncated) return null;
  const text = blob.stdout.toString('utf8');
  // Cut short, the last line may be partial: keep only whole lines.
  return parseChangelogHeader(blob.truncated ? text.slice(0, text.lastIndexOf('\n') + 1) : text);
}
