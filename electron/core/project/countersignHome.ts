import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the app keeps its data; COUNTERSIGN_HOME overrides, then XDG_DATA_HOME. */
export function countersignHome(): string {
  return (
    process.env.COUNTERSIGN_HOME ??
    join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'countersign')
  );
}

/** The review folder of one release: reviews/<project>/<tag>/. */
export function reviewFolder(project: string, tag: string): string {
  return join(countersignHome(), 'reviews', project, tag);
}
