import { readFileSync } from 'node:fs';
import type { RebuildRecipe } from '../../../shared/rebuild';
import type { ChangelogRelease } from '../lib/deb/debianChangelog';

/** Debian's release codenames a base image can be bootstrapped from. */
const CODENAMES = new Set(['buster', 'bullseye', 'bookworm', 'trixie', 'forky', 'duke']);

/** This machine's Debian codename, the base when the changelog names none. */
function hostCodename(): string {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    const codename = /^VERSION_CODENAME=(\w+)$/m.exec(text)?.[1];
    if (codename && CODENAMES.has(codename)) return codename;
  } catch {
    // not Debian, or not readable: the default below
  }
  return 'bookworm';
}

/**
 * The rebuild recipe for a source with a debian/ folder: the Debian preset on
 * a base bootstrapped from the suite debian/changelog names (`bookworm`,
 * `bookworm-security` and `bookworm-backports` all mean bookworm), and this
 * machine's suite when it names none, with a note saying which it did.
 */
export function detectRecipe(
  hasDebianFolder: boolean,
  changelog: ChangelogRelease | null,
): { recipe: RebuildRecipe | null; note: string } {
  if (!hasDebianFolder) {
    return {
      recipe: null,
      note: 'No debian/ folder: write the recipe (a custom build command and the artifacts it makes).',
    };
  }
  const named = changelog?.distribution.split(/\s+/)[0] ?? '';
  const codename = named.replace(
    /-(security|backports|backports-sloppy|updates|proposed-updates)$/,
    '',
  );
  // "unstable", "experimental" and "UNRELEASED" name no fixed release to rebuild on.
  const suite = CODENAMES.has(codename) ? codename : undefined;
  const base = suite ?? hostCodename();
  const recipe: RebuildRecipe = {
    base: { kind: 'bootstrap', suite: base, packages: ['debhelper'] },
    preset: 'debian',
    artifacts: ['*.deb', '*.buildinfo', '*.changes'],
    env: {},
  };
  const note = suite
    ? `Debian preset on ${base}, the suite debian/changelog names (${named}).`
    : changelog
      ? `debian/changelog names ${JSON.stringify(named)}, not a fixed Debian release: the base is this machine's ${base}; change it if the package targets another.`
      : `debian/changelog could not be read: the base is this machine's ${base}; change it if the package targets another.`;
  return { recipe, note };
}
