import { createHash } from 'node:crypto';
import type * as openpgp from 'openpgp';
import { join } from 'node:path';
import type { ArtifactComparison, CompareResult } from '../../../shared/compare';
import { CountersignError, toAppError } from '../../../shared/errors';
import type {
  DetachedArtifact,
  GateRefusal,
  PublicationInfo,
  PromotionCandidate,
  PromotionPlan,
  PromotionRequest,
} from '../../../shared/promote';
import { buildInfoSchema } from '../../../shared/rebuild';
import type { ReleaseKeyInfo } from '../../../shared/signing';
import { fetchPackage, readAptRepository } from '../lib/apt/readAptRepository';
import { planPublication, readPublications } from '../publish/index';
import type { PackageToPublish, PublicationInfo as PublicationRecord } from '../publish/index';
import { scanDebs } from '../lib/apt/scanDebs';
import { readSavedComparison } from '../lib/reviewFolder/compareStore';
import { readJsonFile } from '../lib/fs/readJsonFile';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import { checkAuditChain } from '../audit/auditLog';
import { artifactFiles } from '../lib/reviewFolder/artifactFiles';
import { artifactStanding, type ArtifactStanding } from '../lib/reviewFolder/decisions';
import { artifactApprovals } from '../lib/reviewFolder/decisionsApprovals';
import type { PackageApprovals } from '../../../shared/reviewers';
import { approvalRefusal, gateCandidates, unknownRequests } from './gateCandidates';
import type { ProdSettings, PromotionSources } from './promotionSources';

/** A plan, and what running it needs that the UI never sees. */
export interface PreparedPromotion {
  plan: PromotionPlan;
  /** The verified .deb files of the selected packages, ready for apt-prod. */
  add: PackageToPublish[];
  /** Detached artifacts that pass, with the local file holding their bytes. */
  detachedFiles: { name: string; file: string; sha256: string }[];
  layout: ProdLayoutFor;
  date: Date;
}

type ProdLayoutFor = Parameters<typeof planPublication>[1];

async function savedComparison(sources: PromotionSources): Promise<CompareResult> {
  const comparison = await readSavedComparison(sources.reviewDir);
  if (!comparison) {
    throw new CountersignError(
      'NO_COMPARISON',
      `${sources.tag} has not been compared yet, so nothing of it can be promoted.`,
      'Run step 3 (Compare) against apt-test first.',
    );
  }
  return comparison;
}

/** The commit the comparison's local side was rebuilt from, when it is a Countersign rebuild of this tag. */
async function rebuiltCommit(comparison: CompareResult, tag: string): Promise<string | null> {
  if (comparison.local.kind !== 'folder') return null;
  const info = await readJsonFile(
    join(comparison.local.location, 'buildinfo.json'),
    buildInfoSchema,
  ).catch(() => null);
  return info && info.tag === tag ? info.commit : null;
}

async function auditProblem(reviewDir: string): Promise<string | null> {
  const chain = await checkAuditChain(reviewDir);
  return chain.intact
    ? null
    : `The review's audit log is broken at line ${chain.brokenAtLine} (${chain.reason}); its decisions cannot be trusted.`;
}

async function standingsOf(
  sources: PromotionSources,
  rows: ArtifactComparison[],
): Promise<Map<string, ArtifactStanding>> {
  const standings = new Map<string, ArtifactStanding>();
  const pinned = sources.review?.policy.reviewers ?? null;
  for (const row of rows.filter((candidate) => candidate.status === 'differs')) {
    standings.set(row.key, await artifactStanding(sources.reviewDir, row.key, pinned));
  }
  return standings;
}

/**
 * Under a review policy, the approvals of every artifact CI and the rebuild
 * both have, counted from signatures checked against the pinned reviewers;
 * empty without a policy (any accepted decision approves, as before).
 */
async function approvalsOf(
  sources: PromotionSources,
  rows: ArtifactComparison[],
): Promise<Map<string, PackageApprovals>> {
  const approvals = new Map<string, PackageApprovals>();
  if (!sources.review) return approvals;
  const release = { project: sources.review.projectId, tag: sources.tag };
  for (const row of rows) {
    if (row.status !== 'differs' && row.status !== 'identical') continue;
    approvals.set(
      row.key,
      await artifactApprovals(sources.reviewDir, sources.review.policy, release, row),
    );
  }
  return approvals;
}

/**
 * Non-package artifacts CI and the rebuild agree on (or whose differences
 * were accepted): CI's bytes, found and checked against the comparison's
 * hash as the review finds them (a folder, or taken out of an archive).
 */
async function detachedArtifacts(
  reviewDir: string,
  comparison: CompareResult,
  standings: ReadonlyMap<string, ArtifactStanding>,
  passes: boolean,
  approvals: ReadonlyMap<string, PackageApprovals>,
): Promise<{ listed: DetachedArtifact[]; files: PreparedPromotion['detachedFiles'] }> {
  const listed: DetachedArtifact[] = [];
  const files: PreparedPromotion['detachedFiles'] = [];
  for (const row of comparison.artifacts) {
    if (!row.ci || row.ci.deb || row.status === 'only-local') continue;
    const approved = row.status === 'identical' || standings.get(row.key)?.verdict === 'approved';
    const refusals: GateRefusal[] = [];
    if (!approved) {
      refusals.push({
        code: row.status === 'only-ci' ? 'NOT_REBUILT' : 'NOT_APPROVED',
        message:
          row.status === 'only-ci'
            ? 'The local rebuild did not produce this file.'
            : 'Its differences are not all accepted.',
      });
    }
    if (!passes) {
      refusals.push({ code: 'TAG_NOT_VERIFIED', message: 'The release does not pass the gate.' });
    }
    const short = row.status === 'only-ci' ? null : approvalRefusal(approvals.get(row.key));
    if (short) refusals.push(short);
    listed.push({
      name: row.name,
      size: row.ci.size,
      sha256: row.ci.sha256,
      evidence:
        row.status === 'identical' ? 'identical to the local rebuild' : 'differences accepted',
      refusals,
    });
    if (refusals.length === 0) {
      const { ci } = await artifactFiles(reviewDir, comparison, row);
      files.push({ name: row.name, file: ci, sha256: row.ci.sha256 });
    }
  }
  return { listed, files };
}

/** Fetches (or finds already fetched) and re-hashes the selected packages' apt-test bytes. */
async function verifiedPackages(
  sources: PromotionSources,
  chosen: PromotionCandidate[],
  snapshot: Awaited<ReturnType<typeof readAptRepository>>,
  report: JobReporter,
): Promise<PackageToPublish[]> {
  const files: string[] = [];
  const total = chosen.reduce((sum, candidate) => sum + candidate.size, 0);
  let done = 0;
  for (const candidate of chosen) {
    const pkg = snapshot.packages.find(
      (listed) =>
        listed.package === candidate.package &&
        listed.version === candidate.version &&
        listed.architecture === candidate.architecture,
    );
    if (!pkg) continue;
    report.log(`Fetching ${candidate.filename} from apt-test`);
    files.push(
      await fetchPackage(sources.aptTest.root, pkg, join(sources.reviewDir, 'ci-packages'), {
        ...(report.signal ? { signal: report.signal } : {}),
        onBytes: (bytes) =>
          report.phase('fetch packages', { done: done + bytes, total, unit: 'bytes' }),
      }),
    );
    done += pkg.size;
  }
  const scanned = await scanDebs(files, report.signal ? { signal: report.signal } : {});
  return scanned.map((deb, index) => {
    const candidate = chosen[index]!;
    if (deb.sha256 !== candidate.sha256) {
      throw new CountersignError(
        'PACKAGE_HASH_MISMATCH',
        `${candidate.filename} changed on disk while it was being promoted.`,
        'Promote again; if it repeats, compare the release again.',
      );
    }
    return { ...deb, component: candidate.component };
  });
}

/** apt-prod's Release fields: the project's, else apt-test's suite (or the suite apt-prod serves). */
export function layoutFor(
  settings: ProdSettings,
  snapshot: { suite: string },
  codename: string | null,
): ProdLayoutFor {
  return {
    suite: settings.suite ?? snapshot.suite,
    codename: settings.codename ?? codename ?? settings.suite ?? snapshot.suite,
    origin: settings.origin,
    label: settings.label,
    acquireByHash: settings.acquireByHash,
    ...(settings.validDays ? { validForSeconds: settings.validDays * 86_400 } : {}),
  };
}

/** A publication as the plan shows it. */
export function publicationSummary(info: PublicationRecord | null): PublicationInfo | null {
  return info
    ? {
        id: info.id,
        publishedAt: info.publishedAt,
        tag: info.tag,
        releaseSha256: info.releaseSha256,
      }
    : null;
}

/** What the digest binds: everything published, nothing that merely dates it. */
function planDigest(plan: Omit<PromotionPlan, 'planDigest'>): string {
  const bound = {
    tag: plan.tag,
    to: plan.to,
    signer: plan.signer?.signingKey.fingerprint ?? null,
    selected: plan.candidates
      .filter((candidate) => candidate.selected)
      .map((candidate) => [candidate.key, candidate.sha256]),
    changes: plan.changes.map((change) => [
      change.action,
      change.package,
      change.version,
      change.architecture,
      change.component,
      change.sha256,
    ]),
    detached: plan.detached.map((artifact) => [artifact.name, artifact.sha256]),
    current: plan.current?.id ?? null,
  };
  return createHash('sha256').update(JSON.stringify(bound)).digest('hex');
}

/**
 * Computes what a promotion would do, writing nothing to apt-prod: the gate's
 * verdict on every package of the release, the verified bytes of those
 * selected, and apt-prod's plan (added, replaced, kept, refused, the new
 * Release). The same function runs again right before publishing.
 */
export async function preparePromotion(
  sources: PromotionSources,
  request: PromotionRequest,
  report: JobReporter,
  date: Date = new Date(),
): Promise<PreparedPromotion> {
  report.phase('read the review', { done: 0, total: 4, unit: 'steps' });
  const comparison = await savedComparison(sources);
  const tagGate = await sources.tagGate(await rebuiltCommit(comparison, sources.tag));
  const problem = await auditProblem(sources.reviewDir);
  const standings = await standingsOf(sources, comparison.artifacts);
  const approvals = await approvalsOf(sources, comparison.artifacts);

  report.phase('read apt-test', { done: 1, total: 4, unit: 'steps' });
  const snapshot = await readAptRepository(
    sources.aptTest.root,
    sources.aptTest.keys,
    sources.aptTest.selection,
    { ...(report.signal ? { signal: report.signal } : {}), log: (line) => report.log(line) },
  );
  const requested = request.packages ?? [];
  const candidates = gateCandidates({
    tagGate,
    auditProblem: problem,
    rows: comparison.artifacts,
    aptTest: snapshot.packages,
    standings,
    requested,
    approvals,
  });
  const blockers: string[] = [];
  for (const name of unknownRequests(requested, candidates)) {
    blockers.push(`${name}: this release has no such package in its comparison.`);
  }
  const chosen = candidates.filter((candidate) => candidate.selected);
  for (const candidate of chosen) {
    for (const refusal of candidate.refusals) {
      blockers.push(`${candidate.package} ${candidate.version}: ${refusal.message}`);
    }
  }
  const passing = chosen.filter((candidate) => candidate.refusals.length === 0);

  report.phase('fetch packages', null);
  const add = await verifiedPackages(sources, passing, snapshot, report);

  report.phase('plan apt-prod', { done: 3, total: 4, unit: 'steps' });
  let signer: ReleaseKeyInfo | null = null;
  let signerProblem: string | null = null;
  let releasePublicKey: openpgp.PublicKey | null = null;
  try {
    const releaseKey = await sources.releaseKey(date);
    signer = releaseKey.info;
    releasePublicKey = releaseKey.key.toPublic();
  } catch (error) {
    const failure = toAppError(error);
    signerProblem = [failure.message, failure.hint].filter(Boolean).join(' ');
    blockers.push(`Release key: ${signerProblem}`);
  }
  const layout = layoutFor(sources.aptProd, snapshot, null);
  // Nothing passes: there is no new Release to describe, only what stands in the way.
  const publication =
    add.length > 0
      ? await planPublication(sources.aptProd.root, layout, add, {
          allowDowngrade: request.allowDowngrade ?? false,
          date,
          ...(releasePublicKey ? { releaseKeys: [releasePublicKey] } : {}),
        })
      : { changes: [], kept: [], refusals: [], release: null };
  for (const refusal of publication.refusals) {
    blockers.push(`${refusal.package} ${refusal.version}: ${refusal.message}`);
  }
  const history = await readPublications(sources.aptProd.root);

  const detached = await detachedArtifacts(
    sources.reviewDir,
    comparison,
    standings,
    tagGate.verified && !problem,
    approvals,
  );
  const aptChanges = publication.changes.some((change) => change.action !== 'unchanged');
  if (chosen.length === 0 && detached.files.length === 0) blockers.push('No package is selected.');
  else if (!aptChanges && detached.files.length === 0) {
    blockers.push('apt-prod already serves every selected package; there is nothing to publish.');
  } else if (!aptChanges && !history.current) {
    blockers.push('apt-prod has no publication yet: promote a package before signing other files.');
  }

  const evidenceOf = new Map(
    passing.map((candidate) => [
      `${candidate.package}\u0000${candidate.architecture}`,
      candidate.evidence,
    ]),
  );
  const body: Omit<PromotionPlan, 'planDigest'> = {
    tag: sources.tag,
    from: sources.aptTest.root,
    to: sources.aptProd.root,
    tagGate,
    signer,
    signerProblem,
    candidates,
    changes: publication.changes.map((change) => ({
      ...change,
      evidence: evidenceOf.get(`${change.package}\u0000${change.architecture}`) ?? '',
    })),
    kept: publication.kept,
    publicationRefusals: publication.refusals,
    release: publication.release,
    detached: detached.listed,
    current: publicationSummary(history.current),
    previous: publicationSummary(history.previous),
    canPromote: blockers.length === 0,
    blockers,
    ...(sources.review ? { approvals: [...approvals.values()] } : {}),
  };
  report.phase('planned', { done: 4, total: 4, unit: 'steps' });
  return {
    plan: { ...body, planDigest: planDigest(body) },
    add,
    detachedFiles: detached.files,
    layout,
    date,
  };
}
