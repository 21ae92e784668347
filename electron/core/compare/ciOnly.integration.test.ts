import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparisonCounts } from '../../../shared/artifactCounts';
import { CountersignError } from '../../../shared/errors';
import { validateRequest } from '../../../shared/validate';
import { comparedDemo, QUIET, type ComparedDemo } from '../../testing/comparedDemo';
import { compareRelease } from './index';

// The demo release rebuilt and compared once (real Docker, CI's build cached): what only CI
// built is inspected through the channel, and the RC tag is compared against apt-test's 1.0.0.

let compared: ComparedDemo;
let telemetryKey: string;
let emptyRebuild: string;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no refusal';
  } catch (error) {
    return error instanceof CountersignError ? error.code : String(error);
  }
}

beforeAll(async () => {
  compared = await comparedDemo('v1.0.0', 'cionly');
  const comparison = await compared.core.api['compare:last']({ tag: 'v1.0.0' });
  telemetryKey = comparison?.artifacts.find((row) => row.status === 'only-ci')?.key ?? '';
  emptyRebuild = await mkdtemp(join(tmpdir(), 'cs-cionly-empty-'));
}, 900_000);

afterAll(async () => {
  await rm(emptyRebuild, { recursive: true, force: true });
  await compared.remove();
});

describe('what only CI built, on the demo release', () => {
  it('counts the telemetry package once, as every step counts it', async () => {
    const comparison = await compared.core.api['compare:last']({ tag: 'v1.0.0' });
    expect(telemetryKey).toBe('deb:countersign-hello-telemetry_1.0.0_all');
    expect(comparisonCounts(comparison!)).toEqual({
      total: 3,
      identical: 1,
      differs: 1,
      onlyCi: 1,
      onlyLocal: 0,
      needsReview: 2,
    });
    expect(comparison?.versionMismatch ?? null).toBeNull();
  });

  it('reads its control data and file list through review:inspectArtifact, never unpacked', async () => {
    const request = { tag: 'v1.0.0', key: telemetryKey };
    expect(validateRequest('review:inspectArtifact', request).request).toEqual(request);
    const contents = await compared.core.api['review:inspectArtifact'](request);
    const field = (name: string) => contents.control.find((entry) => entry.name === name)?.value;
    expect(field('Package')).toBe('countersign-hello-telemetry');
    expect(field('Source')).toBe('countersign-hello');
    expect(field('Maintainer')).toBe('CI Robot <ci@example.org>');
    expect(contents.controlMembers.map((entry) => entry.path)).toContain('./control');
    const readme = contents.files.find((entry) =>
      entry.path.endsWith('/usr/share/doc/countersign-hello-telemetry/README'),
    );
    expect(readme).toMatchObject({ type: 'file', size: 33, linkTarget: null });
    expect(contents.totalFiles).toBe(contents.files.length);
    expect(contents.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an artifact the comparison does not hold, and a fetched package whose bytes changed', async () => {
    expect(
      await codeOf(compared.core.api['review:inspectArtifact']({ tag: 'v1.0.0', key: 'deb:nope' })),
    ).toBe('ARTIFACT_NOT_FOUND');
    const comparison = await compared.core.api['compare:last']({ tag: 'v1.0.0' });
    const row = comparison!.artifacts.find((artifact) => artifact.key === telemetryKey)!;
    const fetched = join(compared.reviewDir, 'ci-packages', `${row.ci!.sha256}.deb`);
    const original = await import('node:fs/promises').then((fs) => fs.readFile(fetched));
    try {
      await writeFile(fetched, Buffer.concat([original, Buffer.from('tampered')]));
      expect(
        await codeOf(
          compared.core.api['review:inspectArtifact']({ tag: 'v1.0.0', key: telemetryKey }),
        ),
      ).toBe('LOCAL_TAMPERED');
    } finally {
      await writeFile(fetched, original);
    }
  });
});

describe('a tag whose version apt-test does not hold', () => {
  it('records that apt-test holds 1.0.0 while the RC tag builds 1.0.0~rc1', async () => {
    const result = await compareRelease(
      compared.project,
      'v1.0.0-rc1',
      { local: emptyRebuild, packages: [] },
      QUIET,
    );
    expect(result.versionMismatch).toEqual({
      source: 'countersign-hello',
      tagVersion: '1.0.0~rc1',
      ciVersions: ['1.0.0'],
    });
    expect(result.artifacts.filter((row) => row.ci !== null)).toEqual([]);
    // Saved with the comparison, so the window reads it back.
    const saved = await compared.core.api['compare:last']({ tag: 'v1.0.0-rc1' });
    expect(saved?.versionMismatch?.tagVersion).toBe('1.0.0~rc1');
  });

  it('is said in one sentence by `countersign compare`', () => {
    const run = compared.countersign([
      'compare',
      '--project',
      compared.demo.projectFile,
      '--tag',
      'v1.0.0-rc1',
      '--local',
      emptyRebuild,
    ]);
    expect(run.stdout).toContain(
      'apt-test holds countersign-hello 1.0.0; this tag builds 1.0.0~rc1: CI did not publish this release.',
    );
    expect(run.code).toBe(1);
  });
});
