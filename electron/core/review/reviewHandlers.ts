import type { RequestOf } from '../../../shared/api';
import { describeRule, ruleSelection } from '../../../shared/decisionRule';
import { CountersignError, toAppError } from '../../../shared/errors';
import type {
  ArtifactReview,
  DiffPage,
  MemberDifference,
  ReportInfo,
} from '../../../shared/review';
import { diffMemberPair } from '../lib/diffoscope/members/diffMemberPair';
import { memberDifferences } from '../lib/diffoscope/members/memberDifferences';
import { releaseFolder } from '../lib/project/releaseFolder';
import type { ChannelHandlers, ProjectContext } from '../lib/project/projectContext';
import type { LoadedProject } from '../lib/project/projectStore';
import { artifactFiles } from '../lib/reviewFolder/artifactFiles';
import {
  artifactStanding,
  currentDecisions,
  recordDecisions,
  verdictOf,
} from '../lib/reviewFolder/decisions';
import { artifactApprovals } from '../lib/reviewFolder/decisionsApprovals';
import {
  readDiffLines,
  readSavedReport,
  reportFolder,
  type SavedReport,
} from '../lib/reviewFolder/reportStore';
import { comparisonOf, locateTarget, type ReviewTarget } from './reviewTarget';
import { makeReport } from './makeReport';
import { refuseUnusableRule } from './refuseUnusableRule';
import { sideLabels } from './sideLabels';
import { createInspectHandler } from './inspectArtifact';
import { createReviewerHandlers, reviewerSigning } from './reviewerSigning';

/** The review's view of an artifact from what is on disk (and our own member listing). */
async function describe(
  project: LoadedProject,
  target: ReviewTarget,
  saved: SavedReport | null,
  state: ReportInfo['state'],
  problem: string | null,
  members: MemberDifference[],
): Promise<ArtifactReview> {
  const pinned = project.reviewPolicy?.reviewers ?? null;
  const decisions = saved
    ? await currentDecisions(target.reviewDir, target.row.key, saved.reportSha256, pinned)
    : {};
  const { verdict, counts } = verdictOf(saved?.nodes ?? null, decisions);
  return {
    key: target.row.key,
    name: target.row.name,
    ciSha256: target.row.ci?.sha256 ?? null,
    localSha256: target.row.local?.sha256 ?? null,
    report: {
      state: saved ? 'ready' : state,
      diffoscopeVersion: saved?.diffoscopeVersion ?? null,
      reportSha256: saved?.reportSha256 ?? null,
      generatedAt: saved?.generatedAt ?? null,
      problem: saved ? null : problem,
    },
    nodes: saved?.nodes ?? [],
    members,
    decisions,
    verdict,
    sides: sideLabels(target.reviewDir, target.comparison),
    counts,
  };
}

/** Which differences a decide request names, checked against the report. */
function selectDifferences(
  saved: SavedReport,
  request: RequestOf<'review:decide'>,
): { ids: string[]; rule: string | null } {
  const decidable = saved.nodes.filter((node) => node.decidable && !node.explainedBy);
  if (request.differenceIds) {
    const known = new Set(decidable.map((node) => node.id));
    const unknown = request.differenceIds.find((id) => !known.has(id));
    if (unknown !== undefined) {
      throw new CountersignError(
        'DIFFERENCE_NOT_FOUND',
        `${JSON.stringify(unknown.slice(0, 300))} is not a difference to decide in this report.`,
        'Open the artifact again: the report may have been made again since.',
      );
    }
    return { ids: request.differenceIds, rule: null };
  }
  const rule = request.rule;
  if (!rule) return { ids: [], rule: null };
  refuseUnusableRule(rule);
  const ids = ruleSelection(rule, saved.nodes).map((node) => node.id);
  if (ids.length === 0) {
    throw new CountersignError(
      'DIFFERENCE_NOT_FOUND',
      'The rule matches no difference left to decide.',
      rule.by === 'path'
        ? 'Path patterns match a member name as diffoscope gives it, e.g. usr/share/doc/** or *.gz'
        : undefined,
    );
  }
  return { ids, rule: describeRule(rule) };
}

/** Step 4's channels: one review per release, reports made as jobs. */
export function createReviewHandlers({
  open,
  jobs,
}: ProjectContext): ChannelHandlers<
  | 'review:open'
  | 'review:runReport'
  | 'review:diffPage'
  | 'review:memberDiff'
  | 'review:decide'
  | 'review:summary'
  | 'review:inspectArtifact'
  | 'review:approveArtifact'
  | 'reviewer:current'
  | 'reviewer:importKey'
> {
  // Reports being made, and the last failure of each, by review folder and artifact.
  const running = new Map<string, Promise<SavedReport>>();
  const failures = new Map<string, string>();
  const memberCache = new Map<string, MemberDifference[]>();

  const target = async (tag: string, key: string) =>
    locateTarget(await releaseFolder(await open(), tag), tag, key);

  const startReport = (found: ReviewTarget, timeLimitSeconds?: number) => {
    const id = `${found.reviewDir}\0${found.row.key}`;
    const existing = running.get(id);
    if (existing) return existing;
    failures.delete(id);
    const work = jobs
      .run('diffoscope', `diffoscope ${found.row.name}`, async (report) =>
        makeReport(found, await artifactFiles(found.reviewDir, found.comparison, found.row), {
          report,
          ...(timeLimitSeconds ? { timeLimitSeconds } : {}),
        }),
      )
      .catch((error: unknown) => {
        failures.set(id, toAppError(error).message);
        throw error;
      })
      .finally(() => running.delete(id));
    running.set(id, work);
    return work;
  };

  const membersOf = async (found: ReviewTarget): Promise<MemberDifference[]> => {
    if (!found.row.ci?.deb || !found.row.local?.deb) return [];
    const id = `${found.row.ci.sha256}:${found.row.local.sha256}`;
    const cached = memberCache.get(id);
    if (cached) return cached;
    const files = await artifactFiles(found.reviewDir, found.comparison, found.row);
    const members = await memberDifferences(files.ci, files.local);
    memberCache.set(id, members);
    return members;
  };

  const view = async (found: ReviewTarget) => {
    const saved = await readSavedReport(reportFolder(found.reviewDir, found.row.key));
    const id = `${found.reviewDir}\0${found.row.key}`;
    const state = running.has(id) ? 'running' : failures.has(id) ? 'failed' : 'none';
    const project = await open();
    // A bundle exported without its packages has diffoscope's report but nothing to list members from.
    const members = project.openedBundle
      ? await membersOf(found).catch(() => [])
      : await membersOf(found);
    return describe(project, found, saved, state, failures.get(id) ?? null, members);
  };

  const reportOf = async (found: ReviewTarget): Promise<SavedReport> => {
    const saved = await readSavedReport(reportFolder(found.reviewDir, found.row.key));
    if (!saved) {
      throw new CountersignError(
        'REPORT_NOT_READY',
        `diffoscope's report on ${JSON.stringify(found.row.name)} is not ready yet.`,
        'Decisions are recorded against the full report; wait for it, or run it again.',
      );
    }
    return saved;
  };

  const page = (
    differenceId: string,
    lines: string[],
    from: number,
    totalLines: number,
  ): DiffPage => ({
    differenceId,
    text: lines.length > 0 ? `${lines.join('\n')}\n` : '',
    from,
    lineCount: lines.length,
    totalLines,
    next: from + lines.length < totalLines ? from + lines.length : null,
  });

  return {
    ...createInspectHandler({ open }),
    ...createReviewerHandlers({ open }),
    'review:open': async ({ tag, key }) => {
      const found = await target(tag, key);
      const saved = await readSavedReport(reportFolder(found.reviewDir, found.row.key));
      const id = `${found.reviewDir}\0${found.row.key}`;
      // The full report starts by itself the first time an artifact is opened.
      if (!saved && !running.has(id) && !failures.has(id)) {
        startReport(found).catch(() => {});
      }
      return view(found);
    },

    'review:runReport': async ({ tag, key, timeLimitSeconds }) => {
      const found = await target(tag, key);
      await startReport(found, timeLimitSeconds);
      return view(found);
    },

    'review:diffPage': async ({ tag, key, differenceId, from, maxLines }) => {
      const found = await target(tag, key);
      const saved = await reportOf(found);
      if (!saved.nodes.some((node) => node.id === differenceId)) {
        throw new CountersignError(
          'DIFFERENCE_NOT_FOUND',
          `${JSON.stringify(differenceId.slice(0, 300))} is not in this report.`,
        );
      }
      const folder = reportFolder(found.reviewDir, found.row.key);
      const { lines, totalLines } = await readDiffLines(
        folder,
        saved,
        differenceId,
        from,
        maxLines,
      );
      return page(differenceId, lines, from, totalLines);
    },

    'review:memberDiff': async ({ tag, key, memberId, from, maxLines }) => {
      const found = await target(tag, key);
      const members = await membersOf(found);
      if (!members.some((member) => member.id === memberId)) {
        throw new CountersignError(
          'DIFFERENCE_NOT_FOUND',
          `${JSON.stringify(memberId.slice(0, 300))} is not a differing member of this artifact.`,
        );
      }
      const files = await artifactFiles(found.reviewDir, found.comparison, found.row);
      const { text } = await diffMemberPair(files.ci, files.local, memberId);
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      // diffoscope runs again for each page: a provisional diff is small, and the full report pages from disk.
      return page(memberId, lines.slice(from, from + maxLines), from, lines.length);
    },

    'review:decide': async (request) => {
      const found = await target(request.tag, request.key);
      const saved = await reportOf(found);
      const { ids, rule } = selectDifferences(saved, request);
      const project = await open();
      const release = { project, projectId: project.id, tag: request.tag };
      await reviewerSigning(release, request.passphrase, (signer) =>
        recordDecisions(
          found.reviewDir,
          {
            key: found.row.key,
            name: found.row.name,
            ciSha256: found.row.ci?.sha256 ?? null,
            localSha256: found.row.local?.sha256 ?? null,
          },
          saved.reportSha256,
          ids.map((differenceId) => ({
            differenceId,
            decision: request.decision,
            comment: request.comment.trim(),
            rule,
          })),
          signer ?? undefined,
        ),
      );
      return view(found);
    },

    'review:summary': async ({ tag }) => {
      const project = await open();
      const reviewDir = await releaseFolder(project, tag);
      const comparison = await comparisonOf(reviewDir, tag);
      const policy = project.reviewPolicy ?? null;
      const artifacts = [];
      for (const row of comparison.artifacts.filter((artifact) => artifact.status === 'differs')) {
        const { verdict } = await artifactStanding(reviewDir, row.key, policy?.reviewers ?? null);
        const approvals = policy
          ? await artifactApprovals(reviewDir, policy, { project: project.id, tag }, row)
          : null;
        artifacts.push({
          key: row.key,
          name: row.name,
          verdict,
          ...(approvals ? { approvals } : {}),
        });
      }
      // Artifacts only CI has are never approved and never promoted; they do not hold the rest back.
      return {
        tag,
        artifacts,
        approved: artifacts.every((artifact) => artifact.verdict === 'approved'),
      };
    },
  };
}
