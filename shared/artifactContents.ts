import { z } from 'zod';
import { tagNameSchema } from './tags';

/**
 * What a package holds, read without installing or unpacking it: for the
 * artifact only CI built, which no diff explains, the reviewer's only view of
 * what it would put on a machine. Every name and value is the package's own,
 * untrusted text.
 */
export const inspectArtifactRequestSchema = z.object({
  tag: tagNameSchema,
  key: z.string().min(1).max(4096),
});
export type InspectArtifactRequest = z.infer<typeof inspectArtifactRequestSchema>;

export const PACKAGE_ENTRY_TYPES = ['file', 'dir', 'symlink', 'hardlink', 'other'] as const;

/** One member of control.tar or data.tar. */
export const packageEntrySchema = z.object({
  /** The name exactly as the tar holds it ("./usr/bin/x"): shown, never opened. */
  path: z.string(),
  type: z.enum(PACKAGE_ENTRY_TYPES),
  size: z.number().int().nonnegative(),
  /** Permission bits, setuid, setgid and sticky included. */
  mode: z.number().int().nonnegative(),
  /** A link's target; null for everything else. */
  linkTarget: z.string().nullable(),
});
export type PackageEntry = z.infer<typeof packageEntrySchema>;

export const artifactContentsSchema = z.object({
  key: z.string(),
  name: z.string(),
  /** The bytes read: the SHA-256 the comparison recorded, checked again before reading. */
  sha256: z.string(),
  /** The control file's fields, in their order and spelling. */
  control: z.array(z.object({ name: z.string(), value: z.string() })),
  /** control.tar's members: the control file, md5sums, and any maintainer scripts. */
  controlMembers: z.array(packageEntrySchema),
  /** data.tar's members, what installing it puts on a machine, up to `limit`. */
  files: z.array(packageEntrySchema),
  /** data.tar's members in all (more than `files` holds when cut at the limit). */
  totalFiles: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
});
export type ArtifactContents = z.infer<typeof artifactContentsSchema>;

/** Maintainer scripts dpkg runs as root when it installs, upgrades or removes a package. */
export const MAINTAINER_SCRIPTS = ['preinst', 'postinst', 'prerm', 'postrm', 'config'] as const;

/** Whether a control.tar member is a script dpkg runs ("./postinst" and the like). */
export function isMaintainerScript(path: string): boolean {
  const name = path.replace(/^\.\//, '');
  return (MAINTAINER_SCRIPTS as readonly string[]).includes(name);
}

/** A mode as `ls -l` shows it, e.g. 0o755 for a file: "-rwxr-xr-x"; setuid shows as "s". */
export function modeString(type: PackageEntry['type'], mode: number): string {
  const kind = type === 'dir' ? 'd' : type === 'symlink' ? 'l' : type === 'hardlink' ? 'h' : '-';
  const bits = (shift: number, special: boolean, specialChar: string) => {
    const r = mode & (4 << shift) ? 'r' : '-';
    const w = mode & (2 << shift) ? 'w' : '-';
    const x = mode & (1 << shift);
    const exec = special ? (x ? specialChar : specialChar.toUpperCase()) : x ? 'x' : '-';
    return `${r}${w}${exec}`;
  };
  return (
    kind +
    bits(6, (mode & 0o4000) !== 0, 's') +
    bits(3, (mode & 0o2000) !== 0, 's') +
    bits(0, (mode & 0o1000) !== 0, 't')
  );
}
