import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemo, type DemoRelease } from '../core/demo/index';

/**
 * A fresh demo release in a temp folder, made by the app's own factory;
 * remove() cleans it. CI's apt-test (a Docker build, cached) only when asked.
 */
export async function makeDemo(
  options: { ci?: boolean; epoch?: number } = {},
): Promise<DemoRelease & { remove: () => Promise<void> }> {
  const parent = await mkdtemp(join(tmpdir(), 'cs-demo-'));
  const demo = await createDemo(join(parent, 'demo'), {
    ci: options.ci ?? false,
    ...(options.epoch !== undefined ? { epoch: options.epoch } : {}),
  });
  return { ...demo, remove: () => rm(parent, { recursive: true, force: true }) };
}
