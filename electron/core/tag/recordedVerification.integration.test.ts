import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditEntries } from '../audit/auditLog';
import { createCountersignCore } from '../countersignCore';
import { loadProject } from '../lib/project/projectStore';
import { reviewFolder } from '../lib/project/countersignHome';
import { makeDemo } from '../../testing/demoFixture';

// Step 1 in the window: a verified tag starts the release's history, once per
// tag object and signer, so the overview reads it back after a reload.

let demo: Awaited<ReturnType<typeof makeDemo>>;
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'cs-tag-record-'));
  process.env.COUNTERSIGN_HOME = home;
  demo = await makeDemo();
}, 60_000);

afterAll(async () => {
  delete process.env.COUNTERSIGN_HOME;
  await demo?.remove();
  await rm(home, { recursive: true, force: true });
});

describe('tags:verify', () => {
  it('records a verified tag in its audit log once, and a refused one not at all', async () => {
    const core = createCountersignCore(demo.projectFile);
    const project = await loadProject(demo.projectFile);
    const folder = reviewFolder(project.id, demo.tags.release);
    await core.api['tags:verify']({ tag: demo.tags.release });
    await core.api['tags:verify']({ tag: demo.tags.release });
    const entries = await readAuditEntries(folder);
    expect(entries.map(({ kind }) => kind)).toEqual(['tag-verified']);
    expect(entries[0]?.data).toMatchObject({ signer: demo.maintainer.primary });

    const refused = await core.api['tags:verify']({ tag: demo.tags.untrusted });
    expect(refused.verdict).not.toBe('verified');
    expect(existsSync(reviewFolder(project.id, demo.tags.untrusted))).toBe(false);
  });
});
