import type * as openpgp from 'openpgp';
import {
  repositoryStatus,
  type AttestationsCheck,
  suiteStatus,
  type PackageCheck,
  type RepositoryVerification,
  type SuiteVerification,
  type UnexpectedItem,
} from '../../../shared/verify';
import { chooseSuite } from '../lib/apt/chooseSuite';
import { cancelledIfAborted } from '../lib/apt/locationErrors';
import { openRepositoryLocation } from '../lib/apt/repositoryLocation';
import { safeRelativePath } from '../lib/apt/repositoryPath';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import { fingerprintOf } from '../lib/openpgp/keyFacts';
import { checkRebuildLinks } from './checkRebuildLinks';
import { checkPublishedAttestations } from './checkPublishedAttestations';
import { checkSuiteIndexes } from './checkSuiteIndexes';
import { checkSuiteSignatures } from './checkSuiteSignatures';
import { listServedFiles, releaseFilesOf, unreferencedFiles } from './extraFiles';
import { filesKeptForRollback } from './keptForRollback';
import { hashPackageFiles } from './hashPackageFiles';
import { judgePackage } from './judgePackage';
import { readReviewEvidence, type ReviewEvidence } from './reviewEvidence';

export interface VerifyRepositoryOptions {
  /** A repository folder or an http(s) URL of the folder holding dists/ and pool/. */
  root: string;
  /** The keys the Release must be signed by (the release key). */
  keys: openpgp.PublicKey[];
  /** The folder under dists/; by default every suite of a folder (over HTTP it must be named). */
  suite?: string;
  /** A review folder: each package must then be one it compared, approved and promoted. */
  reviewDir?: string;
  /** The time signatures and Valid-Until are judged at; default now. */
  now?: Date;
  signal?: AbortSignal;
  report?: JobReporter;
}

const isUrl = (root: string) => /^https?:\/\//i.test(root);

const order = (a: PackageCheck, b: PackageCheck) =>
  a.package < b.package
    ? -1
    : a.package > b.package
      ? 1
      : a.version < b.version
        ? -1
        : a.version > b.version
          ? 1
          : a.architecture < b.architecture
            ? -1
            : a.architecture > b.architecture
              ? 1
              : 0;

async function verifySuite(
  options: VerifyRepositoryOptions,
  suite: string[],
  review: ReviewEvidence | null,
  now: Date,
): Promise<{
  verification: SuiteVerification;
  unexpected: UnexpectedItem[];
  referenced: string[];
}> {
  const { root, keys, signal, report } = options;
  const location = openRepositoryLocation(root);
  const name = suite.join('/');
  report?.log(`checking the signatures of dists/${name}`);
  const signed = await checkSuiteSignatures(location, suite, keys, now, signal);
  const unexpected: UnexpectedItem[] = [];
  if (signed.absent) {
    unexpected.push({
      what: `dists/${name}`,
      problem: 'there is no InRelease or Release: it is not a suite',
    });
  }
  const signatureProblems = [
    ...signed.signatures
      .filter((check) => check.status !== 'verified')
      .map((check) => `${check.file}: ${check.problem ?? check.status}`),
    ...signed.releaseProblems,
  ];
  const indexes = signed.release
    ? await checkSuiteIndexes(location, suite, signed.release, signal)
    : { indexes: [], packages: [], unexpected: [] };
  unexpected.push(...indexes.unexpected);

  report?.phase(`hashing ${indexes.packages.length} package file(s) of ${name}`);
  const found = await hashPackageFiles(
    root,
    indexes.packages.map((pkg) => pkg.filename),
    signal,
  );
  const packages = indexes.packages
    .map((pkg) =>
      judgePackage(
        {
          ...pkg,
          signatureProblem: signatureProblems.length > 0 ? signatureProblems.join('; ') : null,
          found: found.get(pkg.filename) ?? null,
        },
        review,
      ),
    )
    .sort(order);
  const checks = {
    suite: name,
    signatures: signed.signatures,
    releaseProblems: signed.releaseProblems,
    indexes: indexes.indexes,
    packages,
  };
  return {
    verification: { ...checks, status: suiteStatus(checks) },
    unexpected,
    referenced: [...releaseFilesOf(name, signed.release), ...packages.map((pkg) => pkg.filename)],
  };
}

/**
 * QA of a published apt repository, link by link: both signature files of
 * each suite against `keys`, every file the Release lists, every package file
 * against its index, and (with a review folder) every package's SHA-256
 * against what the review compared, approved and promoted, and the tag it
 * verified, and the attestations its last promotion published. Unlike the reader, nothing stops at the first failure: the answer
 * lists every package with the first link of its chain that does not hold.
 * Verified only if everything passes. Throws only for what prevents checking
 * at all: an unreachable repository, a review folder without a comparison or
 * with a broken audit log, a cancel.
 */
export async function verifyRepository(
  options: VerifyRepositoryOptions,
): Promise<RepositoryVerification> {
  const { root, keys, signal, report } = options;
  const now = options.now ?? new Date();
  const location = openRepositoryLocation(root);
  const review = options.reviewDir ? await readReviewEvidence(options.reviewDir) : null;

  const available = isUrl(root) ? null : await location.listSuites(signal);
  const suites =
    options.suite !== undefined || available === null
      ? [await chooseSuite(location, options.suite, signal)]
      : available.map((name) => safeRelativePath(name, 'The folder under dists/'));

  const verifications: SuiteVerification[] = [];
  const unexpected: UnexpectedItem[] = [];
  const referenced: string[] = [];
  for (const suite of suites) {
    cancelledIfAborted(signal);
    const result = await verifySuite(options, suite, review, now);
    verifications.push(result.verification);
    unexpected.push(...result.unexpected);
    referenced.push(...result.referenced);
  }
  if (suites.length === 0) {
    unexpected.push({
      what: 'dists/',
      problem: 'there is no suite under dists/: this is not an apt repository root',
    });
  }

  // Only a folder can be listed, and only when every suite in it was checked.
  const everySuite =
    available !== null &&
    available.every((name) => verifications.some((suite) => suite.suite === name));
  let extraFiles: string[] | null = null;
  if (everySuite) {
    report?.log('looking for files nothing references in pool/ and dists/');
    extraFiles = unreferencedFiles(await listServedFiles(root), referenced);
    if (extraFiles.length > 0) {
      // An earlier publication's files stay for rollback: expected, when its Release verifies.
      const kept = await filesKeptForRollback(root, suites, keys, now, signal);
      const forRollback = extraFiles.filter((file) => kept.has(file));
      if (forRollback.length > 0) {
        report?.log(
          `${forRollback.length} file(s) kept so apt-prod can roll back to an earlier publication`,
        );
      }
      extraFiles = extraFiles.filter((file) => !kept.has(file));
    }
  }

  let attestations: AttestationsCheck | null = null;
  if (review?.lastPromotion) {
    report?.log(`checking the attestations of ${review.lastPromotion.tag}`);
    const served = new Map(
      verifications.flatMap((suite) => suite.packages.map((pkg) => [pkg.sha256, pkg.filename])),
    );
    attestations = await checkPublishedAttestations(
      root,
      keys,
      review.lastPromotion,
      served,
      signal,
    );
  }

  report?.log('checking the rebuilders’ links as apt-transport-in-toto would');
  const rebuilds = await checkRebuildLinks(
    root,
    keys,
    verifications.flatMap((suite) => suite.packages),
    now,
    signal,
  );

  const result = { suites: verifications, extraFiles, unexpected, attestations, rebuilds };
  return {
    root,
    keys: keys.map((key) => fingerprintOf(key)),
    reviewDir: options.reviewDir ?? null,
    ...result,
    status: repositoryStatus(result),
    checkedAt: now.toISOString(),
  };
}
