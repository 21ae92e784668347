import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { recentProjectSchema, type RecentProject } from '../../../../shared/projectSetup';
import { writeFileAtomic } from '../fs/atomicWrite';
import { countersignHome } from './countersignHome';
import { loadProject } from './projectStore';

const MAX_RECENT = 10;
const storedSchema = z.array(recentProjectSchema.omit({ available: true }));
type Stored = z.infer<typeof storedSchema>;

const recentFile = () => join(countersignHome(), 'recent-projects.json');

async function readStored(): Promise<Stored> {
  const text = await readFile(recentFile(), 'utf8').catch(() => '[]');
  try {
    const parsed = storedSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    // A damaged list costs only the list: the projects themselves are untouched.
    return [];
  }
}

/** The projects opened before, newest first, each checked that it still loads. */
export async function recentProjects(): Promise<RecentProject[]> {
  const stored = await readStored();
  return Promise.all(
    stored.map(async (entry) => ({
      ...entry,
      available: await loadProject(entry.projectFile).then(
        () => true,
        () => false,
      ),
    })),
  );
}

/** Puts a project first in the recent list. */
export async function rememberProject(entry: {
  projectFile: string;
  id: string;
  name: string;
}): Promise<void> {
  const others = (await readStored()).filter(
    ({ projectFile }) => projectFile !== entry.projectFile,
  );
  const next: Stored = [{ ...entry, openedAt: new Date().toISOString() }, ...others].slice(
    0,
    MAX_RECENT,
  );
  await writeFileAtomic(recentFile(), `${JSON.stringify(next, null, 2)}\n`);
}
