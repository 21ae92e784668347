import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { CompareResult } from '../../../shared/compare';
import { CountersignError } from '../../../shared/errors';
import type { ReviewPolicy, SignedDecision } from '../../../shared/reviewers';
import { signedDecisionSchema } from '../../../shared/reviewers';
import {
  REVIEW_BUNDLE_FORMAT,
  type BundleArtifact,
  type BundleFile,
  type BundleManifest,
} from '../../../shared/reviewBundle';
import { readAuditEntries } from '../audit/auditLog';
import { sha256File } from '../lib/fs/sha256File';
import { artifactFiles } from '../lib/reviewFolder/artifactFiles';
import { readSavedComparison } from '../lib/reviewFolder/compareStore';
import { RAW_REPORT, readSavedReport, reportFolder } from '../lib/reviewFolder/reportStore';
import { MANIFEST_ENTRY, sha256Of } from './bundleLayout';
import { TarWriter } from './tarWriter';

/** What a bundle is made for: the release, as the project names it, and its policy. */
export interface BundleRelease {
  project: { id: string; name: string };
  tag: string;
  policy: ReviewPolicy | null;
}

/** What `exportReviewBundle` wrote. */
export interface ExportedBundle {
  file: string;
  manifestSha256: string;
  artifacts: number;
  bytes: number;
}

interface PlannedFile extends BundleFile {
  source: string;
}

async function planned(reviewDir: string, path: string, source?: string): Promise<PlannedFile> {
  const from = source ?? join(reviewDir, ...path.split('/'));
  const info = await stat(from);
  return { path, size: info.size, sha256: await sha256File(from), source: from };
}

/** The signed decisions the release's log holds on one report, oldest first. */
function signedDecisionsOn(
  entries: Awaited<ReturnType<typeof readAuditEntries>>,
  key: string,
  reportSha256: string,
): SignedDecision[] {
  const found: SignedDecision[] = [];
  for (const entry of entries) {
    if (entry.kind !== 'decision' || entry.data.artifact !== key) continue;
    if (entry.data.reportSha256 !== reportSha256) continue;
    const parsed = signedDecisionSchema.safeParse(entry.data.signed);
    if (parsed.success) found.push(parsed.data);
  }
  return found;
}

async function comparisonIn(reviewDir: string, tag: string): Promise<CompareResult> {
  const comparison = await readSavedComparison(reviewDir);
  if (!comparison) {
    throw new CountersignError(
      'NO_COMPARISON',
      `${tag} has not been compared yet, so there is nothing to review elsewhere.`,
      'Run step 3 (Compare) first.',
    );
  }
  return comparison;
}

/**
 * Writes a review bundle of a release: one tar holding `manifest.json` (the
 * release, the policy's pinned reviewers and thresholds, every differing
 * artifact with both SHA-256s, its report's SHA-256, its difference tree and
 * the signed decisions already recorded, and every other entry's size and
 * SHA-256), then compare.json and each artifact's diffoscope report
 * (diffoscope.json, tree.json, diffs.txt), and with `withPackages` both
 * copies of each package. Deterministic (fixed order, owners and times);
 * written under a temporary name and renamed, so `out` is never half a bundle.
 */
export async function exportReviewBundle(
  reviewDir: string,
  release: BundleRelease,
  out: string,
  options: { withPackages?: boolean } = {},
): Promise<ExportedBundle> {
  const comparison = await comparisonIn(reviewDir, release.tag);
  const entries = await readAuditEntries(reviewDir);
  const files: PlannedFile[] = [await planned(reviewDir, 'compare.json')];
  const artifacts: BundleArtifact[] = [];
  const packages = new Set<string>();
  for (const row of comparison.artifacts.filter((one) => one.status === 'differs')) {
    const folder = reportFolder(reviewDir, row.key);
    const saved = await readSavedReport(folder);
    if (!saved) {
      throw new CountersignError(
        'REPORT_NOT_READY',
        `${row.name} differs and has no diffoscope report yet, so a reviewer elsewhere could not judge it.`,
        'Open it in the Review step (or run countersign review --review DIR --list) to make its report, then export again.',
      );
    }
    const folderPath = relative(reviewDir, folder).split(sep).join('/');
    for (const name of [RAW_REPORT, 'tree.json', 'diffs.txt']) {
      files.push(await planned(reviewDir, `${folderPath}/${name}`));
    }
    const raw = files.at(-3);
    if (raw?.sha256 !== saved.reportSha256) {
      throw new CountersignError(
        'LOCAL_TAMPERED',
        `${row.name}'s diffoscope report is no longer the one its decisions were made on.`,
        'Make the report again in the Review step before exporting.',
      );
    }
    const bundled: BundleArtifact['packages'] = [];
    if (options.withPackages) {
      const where = await artifactFiles(reviewDir, comparison, row);
      for (const side of ['ci', 'local'] as const) {
        const sha256 = row[side]?.sha256;
        if (!sha256) continue;
        const path = `packages/${sha256}`;
        bundled.push({ side, path });
        if (packages.has(path)) continue;
        packages.add(path);
        const file = await planned(reviewDir, path, where[side]);
        if (file.sha256 !== sha256) {
          throw new CountersignError(
            'LOCAL_TAMPERED',
            `${row.name} (${side}) is no longer the file that was compared.`,
            'Run the comparison (step 3) again before exporting.',
          );
        }
        files.push(file);
      }
    }
    artifacts.push({
      key: row.key,
      name: row.name,
      ciSha256: row.ci?.sha256 ?? null,
      localSha256: row.local?.sha256 ?? null,
      report: {
        sha256: saved.reportSha256,
        diffoscopeVersion: saved.diffoscopeVersion,
        folder: folderPath,
      },
      differences: saved.nodes,
      decisions: signedDecisionsOn(entries, row.key, saved.reportSha256),
      packages: bundled,
    });
  }
  const manifest: BundleManifest = {
    format: REVIEW_BUNDLE_FORMAT,
    project: release.project,
    tag: release.tag,
    policy: release.policy
      ? {
          // Their public keys too, so the reader's window shows whose decisions verify.
          reviewers: release.policy.reviewers.map(({ name, fingerprint, revoked, publicKey }) => ({
            name,
            fingerprint,
            revoked,
            publicKey,
          })),
          threshold: release.policy.threshold,
          identicalThreshold: release.policy.identicalThreshold,
        }
      : null,
    artifacts,
    files: files.map(({ path, size, sha256 }) => ({ path, size, sha256 })),
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const target = resolve(out);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    const tar = new TarWriter(handle);
    await tar.addBytes(MANIFEST_ENTRY, manifestBytes);
    for (const file of files) await tar.addFile(file.path, file.source, file.size);
    await tar.end();
    await handle.sync();
    await handle.close();
    await rename(temp, target);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  return {
    file: target,
    manifestSha256: sha256Of(manifestBytes),
    artifacts: artifacts.length,
    bytes: (await stat(target)).size,
  };
}
