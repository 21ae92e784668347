import { mkdtemp, readdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { MachineTool } from '../../../../shared/doctor';

const BIN_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** A folder (made in `work`) of links to every program on the usual PATH except `without`. */
export async function pathWithout(work: string, without: MachineTool): Promise<string> {
  const dir = await mkdtemp(join(work, `path-without-${without}-`));
  const seen = new Set<string>([without]);
  for (const bin of BIN_DIRS) {
    const names = await readdir(bin).catch(() => [] as string[]);
    for (const name of names) {
      if (seen.has(name)) continue;
      seen.add(name);
      await symlink(join(bin, name), join(dir, name));
    }
  }
  return dir;
}
