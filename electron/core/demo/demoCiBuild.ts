import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RebuildRecipe } from '../../../shared/rebuild';
import { countersignCache } from '../lib/project/countersignHome';
import { bootstrapTag } from '../lib/docker/baseImage';
import { rebuildRelease } from '../rebuild/index';

/**
 * Builds the demo's packages the way its CI would: the tagged commit, in a
 * container from the recipe's base image. The result depends only on the
 * commit, the recipe and the base image, so it is cached under that key and a
 * second demo skips the build.
 */
export async function buildLikeCi(
  repo: string,
  tag: string,
  commit: string,
  recipe: RebuildRecipe,
  log: (line: string) => void,
): Promise<string[]> {
  const image = recipe.base.kind === 'image' ? recipe.base.image : bootstrapTag(recipe.base);
  const key = createHash('sha256')
    .update(JSON.stringify({ commit, recipe, image }))
    .digest('hex')
    .slice(0, 32);
  const cached = join(countersignCache(), 'demo-ci', key);
  if (!(await stat(cached).catch(() => null))) {
    log(`CI build: building ${tag} in a container (cached afterwards)`);
    const scratch = `${cached}.${process.pid}.tmp`;
    await rm(scratch, { recursive: true, force: true });
    await mkdir(scratch, { recursive: true });
    try {
      await rebuildRelease({
        repo,
        tag,
        commit,
        recipe,
        outDir: join(scratch, 'out'),
        report: { phase: (name) => log(`CI build: ${name}`), log: () => {} },
      });
      await rename(join(scratch, 'out'), cached).catch(async (error: unknown) => {
        // Another demo finished the same build first: theirs is as good as ours.
        if (!(await stat(cached).catch(() => null))) throw error;
      });
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  } else {
    log('CI build: reusing the cached build of this commit');
  }
  const artifacts = join(cached, 'artifacts');
  return (await readdir(artifacts))
    .filter((name) => name.endsWith('.deb'))
    .map((name) => join(artifacts, name));
}
