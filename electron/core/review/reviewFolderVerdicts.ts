import { basename, dirname, resolve } from 'node:path';
import { describeRule, ruleSelection, type DecisionRule } from '../../../shared/decisionRule';
import { refuseUnusableRule } from './refuseUnusableRule';
import { CountersignError } from '../../../shared/errors';
import type { Decision, ReviewDecision } from '../../../shared/review';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import { tagOfFolder } from '../lib/project/tagFolder';
import { artifactFiles } from '../lib/reviewFolder/artifactFiles';
import { readSavedComparison } from '../lib/reviewFolder/compareStore';
import { currentDecisions, recordDecisions, verdictOf } from '../lib/reviewFolder/decisions';
import { readSavedReport, reportFolder, type SavedReport } from '../lib/reviewFolder/reportStore';
import type { LoadedProject } from '../lib/project/projectStore';
import { makeReport } from './makeReport';
import { reviewerSigning } from './reviewerSigning';
import { locateTarget } from './reviewTarget';

/** One differing artifact of a review folder: its verdict and each open difference's decision. */
export interface FolderArtifactVerdict {
  key: string;
  name: string;
  verdict: ReturnType<typeof verdictOf>['verdict'];
  counts: ReturnType<typeof verdictOf>['counts'];
  report: { sha256: string; diffoscopeVersion: string };
  differences: { id: string; decision: ReviewDecision | null }[];
}

/** Decisions to record by a rule before the verdicts are read. */
export interface RuleDecision {
  rule: DecisionRule;
  decision: Decision;
  comment: string;
}

/** What `reviewFolderVerdicts` recorded and found. */
export interface FolderVerdicts {
  recorded: number;
  artifacts: FolderArtifactVerdict[];
}

/**
 * The tag a review folder is named by (`debian%2F2.1.0-1` is `debian/2.1.0-1`),
 * for messages only: a script may review in a folder of any name, as before.
 */
function tagNamingFolder(reviewDir: string): string {
  const folder = basename(resolve(reviewDir));
  try {
    return tagOfFolder(folder);
  } catch {
    return folder;
  }
}

/**
 * Step 4 on a review folder, as scripts run it: every differing artifact (or
 * the one named) gets diffoscope's report where it has none, then, when asked,
 * a decision for every difference the rule selects — the same selection and
 * the same logged rule as the UI's "decide by rule" — and its verdict.
 */
export async function reviewFolderVerdicts(
  reviewDir: string,
  options: {
    artifact?: string;
    decide?: RuleDecision;
    report: JobReporter;
    /** Unlocks this machine's reviewer key to sign each decision (required when one is imported). */
    passphrase?: string;
    /** The project the folder belongs to: its id is signed, its review policy applied. */
    project?: LoadedProject | null;
  },
): Promise<FolderVerdicts> {
  if (options.decide) refuseUnusableRule(options.decide.rule);
  const tag = tagNamingFolder(reviewDir);
  const comparison = await readSavedComparison(reviewDir);
  if (!comparison) {
    throw new CountersignError(
      'NO_COMPARISON',
      `${JSON.stringify(reviewDir)} holds no comparison (compare.json).`,
      'Run countersign compare --project FILE --tag NAME first.',
    );
  }
  const differing = comparison.artifacts.filter((row) => row.status === 'differs');
  const rows = differing.filter(
    (row) => !options.artifact || row.name === options.artifact || row.key === options.artifact,
  );
  if (options.artifact && rows.length === 0) {
    throw new CountersignError(
      'ARTIFACT_NOT_FOUND',
      `No differing artifact is called ${JSON.stringify(options.artifact)}.`,
      `Differing: ${differing.map((row) => row.name).join(', ') || 'none'}`,
    );
  }
  let recorded = 0;
  const artifacts: FolderArtifactVerdict[] = [];
  // A folder kept by the app is reviews/<project id>/<tag>; a script's folder is named by its parent.
  const release = {
    project: options.project ?? null,
    projectId: options.project?.id ?? basename(dirname(resolve(reviewDir))),
    tag,
  };
  for (const row of rows) {
    const target = await locateTarget(reviewDir, tag, row.key);
    let saved: SavedReport | null = await readSavedReport(reportFolder(reviewDir, row.key));
    saved ??= await makeReport(target, await artifactFiles(reviewDir, comparison, row), {
      report: options.report,
    });
    if (options.decide) {
      const { rule, decision, comment } = options.decide;
      const ids = ruleSelection(rule, saved.nodes).map((node) => node.id);
      recorded += ids.length;
      const report = saved;
      await reviewerSigning(release, options.passphrase, (signer) =>
        recordDecisions(
          reviewDir,
          {
            key: row.key,
            name: row.name,
            ciSha256: row.ci?.sha256 ?? null,
            localSha256: row.local?.sha256 ?? null,
          },
          report.reportSha256,
          ids.map((differenceId) => ({
            differenceId,
            decision,
            comment: comment.trim(),
            rule: describeRule(rule),
          })),
          signer ?? undefined,
        ),
      );
    }
    const decisions = await currentDecisions(
      reviewDir,
      row.key,
      saved.reportSha256,
      options.project?.reviewPolicy?.reviewers ?? null,
    );
    const { verdict, counts } = verdictOf(saved.nodes, decisions);
    artifacts.push({
      key: row.key,
      name: row.name,
      verdict,
      counts,
      report: { sha256: saved.reportSha256, diffoscopeVersion: saved.diffoscopeVersion },
      differences: saved.nodes
        .filter((node) => node.decidable && !node.explainedBy)
        .map((node) => ({ id: node.id, decision: decisions[node.id] ?? null })),
    });
  }
  return { recorded, artifacts };
}
