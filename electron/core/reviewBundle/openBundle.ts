import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { compareResultSchema } from '../../../shared/compare';
import { CountersignError } from '../../../shared/errors';
import { bundleManifestSchema, type BundleManifest } from '../../../shared/reviewBundle';
import { readArchive, type ArchiveEntry } from '../lib/archive/readArchive';
import { tagFolderName } from '../lib/project/tagFolder';
import { seedBundleDecisions } from './seedBundleDecisions';
import { RAW_REPORT, readSavedReport, reportFolder } from '../lib/reviewFolder/reportStore';
import {
  BUNDLE_ENTRY_PATH,
  bundlesHome,
  DEFAULT_BUNDLE_LIMITS,
  hostileBundle,
  MANIFEST_ENTRY,
  OPENED_MANIFEST,
  sha256Of,
  tamperedBundle,
  type BundleLimits,
} from './bundleLayout';

/** A bundle opened on this machine: a read-only review folder the review engine serves. */
export interface OpenedBundle {
  /** The review folder: bundles/<hash>/<project id>/<tag folder>/ under this machine's data folder. */
  reviewDir: string;
  manifest: BundleManifest;
  manifestSha256: string;
  /** The same bundle was opened before: its folder (and decisions made in it) is kept as it was. */
  alreadyOpen: boolean;
}

const ARCHIVE_CODES = new Set([
  'INVALID_ARCHIVE',
  'UNSUPPORTED_ARCHIVE',
  'ARCHIVE_PATH_TRAVERSAL',
  'ARCHIVE_ABSOLUTE_PATH',
  'ARCHIVE_LINK_ESCAPES',
  'ARCHIVE_SPECIAL_FILE',
  'ARCHIVE_TOO_LARGE',
  'ARCHIVE_RATIO',
  'ARCHIVE_DUPLICATE_ENTRY',
]);

async function drain(entry: ArchiveEntry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of entry.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseManifest(bytes: Buffer): BundleManifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw tamperedBundle('The bundle\u2019s manifest.json is not JSON.');
  }
  const parsed = bundleManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw tamperedBundle(
      `The bundle\u2019s manifest.json is not a review bundle manifest (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''}).`,
    );
  }
  for (const file of parsed.data.files) {
    if (!BUNDLE_ENTRY_PATH.test(file.path)) {
      throw hostileBundle(
        `The bundle lists ${JSON.stringify(file.path)}, which a review bundle never holds (only compare.json, reports and packages).`,
      );
    }
  }
  return parsed.data;
}

/** Streams every entry into `into`, each checked against the manifest as it arrives. */
async function unpack(
  file: string,
  into: string,
  limits: BundleLimits,
): Promise<{ manifest: BundleManifest; manifestBytes: Buffer }> {
  let manifest: BundleManifest | null = null;
  let manifestBytes: Buffer | null = null;
  const seen = new Set<string>();
  let result;
  try {
    result = await readArchive(
      file,
      async (entry) => {
        if (entry.size > limits.maxEntryBytes) {
          throw hostileBundle(
            `Entry ${JSON.stringify(entry.path)} is ${entry.size} bytes, more than the ${limits.maxEntryBytes} one entry of a bundle may hold.`,
          );
        }
        if (!manifest) {
          if (entry.path !== MANIFEST_ENTRY) {
            throw tamperedBundle(
              'A review bundle starts with manifest.json, and this one does not.',
            );
          }
          if (entry.size > limits.maxManifestBytes) {
            throw hostileBundle(
              `The bundle\u2019s manifest.json is ${entry.size} bytes, too large.`,
            );
          }
          manifestBytes = await drain(entry);
          manifest = parseManifest(manifestBytes);
          return;
        }
        const listed = manifest.files.find((one) => one.path === entry.path);
        if (!listed || seen.has(entry.path)) {
          throw tamperedBundle(
            `The bundle holds ${JSON.stringify(entry.path)}, which its manifest does not list (or lists once).`,
          );
        }
        seen.add(entry.path);
        if (entry.size !== listed.size) {
          throw tamperedBundle(
            `${JSON.stringify(entry.path)} is ${entry.size} bytes; the manifest says ${listed.size}.`,
          );
        }
        const target = join(into, ...entry.path.split('/'));
        await mkdir(dirname(target), { recursive: true });
        const hash = createHash('sha256');
        entry.stream.on('data', (chunk: Buffer) => hash.update(chunk));
        await pipeline(entry.stream, createWriteStream(target, { flags: 'wx' }));
        if (hash.digest('hex') !== listed.sha256) {
          throw tamperedBundle(
            `${JSON.stringify(entry.path)} does not have the SHA-256 the bundle\u2019s manifest gives it.`,
          );
        }
      },
      {
        limits: {
          maxEntries: limits.maxEntries,
          maxTotalBytes: limits.maxTotalBytes,
          maxRatio: limits.maxRatio,
        },
      },
    );
  } catch (error) {
    if (error instanceof CountersignError && ARCHIVE_CODES.has(error.code)) {
      throw hostileBundle(`${error.message} (${error.code})`);
    }
    throw error;
  }
  if (result.skipped.length > 0) {
    const link = result.skipped[0];
    throw hostileBundle(
      `The bundle holds ${JSON.stringify(link?.path)} (${link?.reason ?? 'not a file'}); a review bundle holds regular files only.`,
    );
  }
  if (!manifest || !manifestBytes) throw tamperedBundle('The bundle holds no manifest.json.');
  const found: BundleManifest = manifest;
  const missing = found.files.find((one) => !seen.has(one.path));
  if (missing) throw tamperedBundle(`The bundle lacks ${JSON.stringify(missing.path)}.`);
  return { manifest: found, manifestBytes };
}

/**
 * Checks that what was unpacked is one release's review: compare.json's
 * differing artifacts are exactly the manifest's, with the same SHA-256s;
 * each report sits in its artifact's folder, its raw report has the SHA-256
 * its tree and the manifest give, and every package is named by its hash.
 */
async function checkConsistent(dir: string, manifest: BundleManifest): Promise<void> {
  const comparison = compareResultSchema.safeParse(
    JSON.parse(await readFile(join(dir, 'compare.json'), 'utf8').catch(() => 'null')),
  );
  if (!comparison.success)
    throw tamperedBundle('The bundle\u2019s compare.json is not a comparison.');
  const differing = comparison.data.artifacts.filter((row) => row.status === 'differs');
  if (differing.length !== manifest.artifacts.length) {
    throw tamperedBundle('The bundle\u2019s manifest and compare.json list different artifacts.');
  }
  const sha = (path: string) => manifest.files.find((one) => one.path === path)?.sha256;
  for (const artifact of manifest.artifacts) {
    const row = differing.find((one) => one.key === artifact.key);
    if (
      !row ||
      (row.ci?.sha256 ?? null) !== artifact.ciSha256 ||
      (row.local?.sha256 ?? null) !== artifact.localSha256
    ) {
      throw tamperedBundle(
        `${JSON.stringify(artifact.name)}'s SHA-256s in the manifest are not the comparison's.`,
      );
    }
    if (join(dir, ...artifact.report.folder.split('/')) !== reportFolder(dir, artifact.key)) {
      throw tamperedBundle(
        `${JSON.stringify(artifact.name)}'s report is filed under another artifact.`,
      );
    }
    const saved = await readSavedReport(join(dir, ...artifact.report.folder.split('/')));
    if (
      !saved ||
      saved.reportSha256 !== artifact.report.sha256 ||
      sha(`${artifact.report.folder}/${RAW_REPORT}`) !== artifact.report.sha256
    ) {
      throw tamperedBundle(
        `${JSON.stringify(artifact.name)}'s diffoscope report is not the report the manifest names (it was edited).`,
      );
    }
  }
  for (const file of manifest.files) {
    if (file.path.startsWith('packages/') && file.path !== `packages/${file.sha256}`) {
      throw tamperedBundle(`${JSON.stringify(file.path)} is not named by its SHA-256.`);
    }
  }
}

/**
 * Opens a review bundle made on another machine: every entry read with the
 * hostile-archive-safe readers (entry count, sizes and ratio limited; no
 * paths out, no links, no absolute paths), only the files a review folder
 * holds, each checked against the manifest's size and SHA-256, the reports
 * against their hashes; then unpacked into this machine's
 * bundles/<hash>/<project id>/<tag folder>/, a review folder the review
 * engine (and `countersign review --review DIR`) works on. Nothing is kept
 * of a bundle refused. A bundle opened again keeps its folder and decisions.
 */
export async function openReviewBundle(
  file: string,
  options: { limits?: Partial<BundleLimits> } = {},
): Promise<OpenedBundle> {
  const limits = { ...DEFAULT_BUNDLE_LIMITS, ...options.limits };
  const home = bundlesHome();
  await mkdir(home, { recursive: true });
  const temp = join(home, `.open-${randomBytes(6).toString('hex')}`);
  try {
    await mkdir(temp);
    const { manifest, manifestBytes } = await unpack(file, temp, limits);
    await checkConsistent(temp, manifest);
    const manifestSha256 = sha256Of(manifestBytes);
    let tagFolder: string;
    try {
      tagFolder = tagFolderName(manifest.tag);
    } catch {
      throw hostileBundle(`The bundle names ${JSON.stringify(manifest.tag)}, which is not a tag.`);
    }
    const parent = join(home, manifestSha256.slice(0, 32), manifest.project.id);
    const reviewDir = join(parent, tagFolder);
    if (await stat(join(reviewDir, OPENED_MANIFEST)).catch(() => null)) {
      return { reviewDir, manifest, manifestSha256, alreadyOpen: true };
    }
    await writeFile(join(temp, OPENED_MANIFEST), manifestBytes, { flag: 'wx' });
    await seedBundleDecisions(temp, manifest);
    await mkdir(parent, { recursive: true });
    await rm(reviewDir, { recursive: true, force: true });
    await rename(temp, reviewDir);
    return { reviewDir, manifest, manifestSha256, alreadyOpen: false };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** The manifest of a bundle opened in `reviewDir`, and its hash; INVALID_REQUEST elsewhere. */
export async function openedManifest(
  reviewDir: string,
): Promise<{ manifest: BundleManifest; manifestSha256: string }> {
  const bytes = await readFile(join(reviewDir, OPENED_MANIFEST)).catch(() => null);
  if (!bytes) {
    throw new CountersignError(
      'INVALID_REQUEST',
      `${JSON.stringify(reviewDir)} is not an opened review bundle (it has no ${OPENED_MANIFEST}).`,
      'Open the bundle first: countersign review open FILE, and use the folder it prints.',
    );
  }
  return { manifest: parseManifest(bytes), manifestSha256: sha256Of(bytes) };
}
