import { homedir } from 'node:os';
import { join } from 'node:path';
import { tagFolderName } from './tagFolder';

/** Where the app keeps its data; COUNTERSIGN_HOME overrides, then XDG_DATA_HOME. */
export function countersignHome(): string {
  return (
    process.env.COUNTERSIGN_HOME ??
    join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'countersign')
  );
}

/**
 * The review folder of one release: reviews/<project>/<tag>/, the tag as one
 * folder name (`tagFolderName`: `debian/2.1.0-1` is `debian%2F2.1.0-1`).
 */
export function reviewFolder(project: string, tag: string): string {
  return join(countersignHome(), 'reviews', project, tagFolderName(tag));
}

/**
 * Where rebuildable things are cached (the demo's CI build); COUNTERSIGN_CACHE
 * overrides, then XDG_CACHE_HOME. Deleting it only costs time.
 */
export function countersignCache(): string {
  return (
    process.env.COUNTERSIGN_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'countersign')
  );
}
