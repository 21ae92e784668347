import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArtifactContents, PackageEntry } from '../../../shared/artifactContents';
import type { ArtifactComparison, CompareResult } from '../../../shared/compare';
import { CountersignError } from '../../../shared/errors';
import { readDebControl } from '../lib/deb/readDebControl';
import { readDebMembers } from '../lib/diffoscope/members/debMembers';
import { sha256File } from '../lib/fs/sha256File';
import { releaseFolder } from '../lib/project/releaseFolder';
import type { ChannelHandlers, ProjectContext } from '../lib/project/projectContext';
import { locateTarget } from './reviewTarget';

/** data.tar members listed at most: a person reads a list, the count says what was left out. */
export const CONTENTS_LIST_LIMIT = 2_000;

/** A package's contents as read from its file, before it is tied to a comparison row. */
export type DebContents = Pick<
  ArtifactContents,
  'control' | 'controlMembers' | 'files' | 'totalFiles' | 'limit'
>;

/**
 * What a .deb holds, read with the engine's hostile-input-safe readers and
 * never unpacked: the control paragraph (`readDebControl`, only the control
 * member) and every member of control.tar and data.tar (`readDebMembers`:
 * streamed, decompressed as read, sizes and entry counts bounded, names only
 * ever compared and shown). No content is read. data.tar's listing stops at
 * `limit` entries; the rest are counted.
 */
export async function readDebContents(
  file: string,
  options: { limit?: number; signal?: AbortSignal } = {},
): Promise<DebContents> {
  const limit = options.limit ?? CONTENTS_LIST_LIMIT;
  const { control } = await readDebControl(file);
  const controlMembers: PackageEntry[] = [];
  const files: PackageEntry[] = [];
  let totalFiles = 0;
  for await (const member of readDebMembers(
    file,
    options.signal ? { signal: options.signal } : {},
  )) {
    const { path, type, size, mode, linkTarget } = member.header;
    const entry = { path, type, size, mode, linkTarget };
    if (member.container === 'control.tar') {
      if (controlMembers.length < limit) controlMembers.push(entry);
      continue;
    }
    totalFiles += 1;
    if (files.length < limit) files.push(entry);
  }
  return {
    control: control.entries().map(([name, value]) => ({ name, value })),
    controlMembers,
    files,
    totalFiles,
    limit,
  };
}

/**
 * CI's copy of an artifact as a file, checked against the hash the comparison
 * recorded: the package fetched from apt-test, the file in CI's folder, or one
 * the review already took out of CI's archive.
 */
async function ciFileOf(
  reviewDir: string,
  comparison: CompareResult,
  row: ArtifactComparison,
): Promise<string> {
  const copy = row.ci;
  if (!copy) {
    throw new CountersignError(
      'ARTIFACT_NOT_FOUND',
      `${JSON.stringify(row.name)} exists only in the rebuild; CI published no copy to inspect.`,
    );
  }
  const source = comparison.ci;
  const file =
    source.kind === 'apt'
      ? join(reviewDir, 'ci-packages', `${copy.sha256}.deb`)
      : source.kind === 'folder'
        ? join(source.location, copy.path)
        : join(reviewDir, 'ci-files', copy.sha256);
  if (source.kind === 'archive' && !(await stat(file).catch(() => null))) {
    throw new CountersignError(
      'ARTIFACT_NOT_FOUND',
      `${JSON.stringify(row.name)} is inside CI's archive and has not been taken out of it for review.`,
      'Inspect it from a folder or apt repository source, or compare it against a rebuild that makes it.',
    );
  }
  const actual = await sha256File(file).catch(() => null);
  if (actual !== copy.sha256) {
    throw new CountersignError(
      'LOCAL_TAMPERED',
      `CI's ${JSON.stringify(row.name)} is no longer the file that was compared (${actual === null ? 'it is gone' : 'its hash changed'}).`,
      'Run the comparison (step 3) again before inspecting it.',
    );
  }
  return file;
}

/** `review:inspectArtifact`: what CI's copy of one artifact holds, for the artifact no diff explains. */
export function createInspectHandler({
  open,
}: Pick<ProjectContext, 'open'>): ChannelHandlers<'review:inspectArtifact'> {
  return {
    'review:inspectArtifact': async ({ tag, key }) => {
      const target = await locateTarget(await releaseFolder(await open(), tag), tag, key);
      const { row } = target;
      if (!row.ci?.deb) {
        throw new CountersignError(
          'ARTIFACT_NOT_FOUND',
          `${JSON.stringify(row.name)} is not a Debian package on CI's side; only packages can be inspected.`,
        );
      }
      const file = await ciFileOf(target.reviewDir, target.comparison, row);
      return {
        key: row.key,
        name: row.name,
        sha256: row.ci.sha256,
        ...(await readDebContents(file)),
      };
    },
  };
}
