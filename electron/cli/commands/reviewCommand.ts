import { basename } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import type { DifferenceNode } from '../../../shared/review';
import { readSavedComparison } from '../../core/lib/reviewFolder/compareStore';
import { describeRule } from '../../../shared/decisionRule';
import { pathPattern } from '../../../shared/pathPattern';
import { artifactFiles } from '../../core/lib/reviewFolder/artifactFiles';
import {
  currentDecisions,
  recordDecisions,
  verdictOf,
} from '../../core/lib/reviewFolder/decisions';
import {
  readSavedReport,
  reportFolder,
  type SavedReport,
} from '../../core/lib/reviewFolder/reportStore';
import { locateTarget, makeReport } from '../../core/review/reviewService';
import { EXIT } from '../exitCodes';
import { parseOptions, requireOption } from '../parseOptions';
import { interruptSignal, terminalReporter } from '../terminalReporter';
import { safeForTerminal } from '../terminalText';

export const reviewUsage =
  'countersign review --review DIR [--artifact NAME] (--list | --path PATTERN (--accept "REASON" | --block "REASON")) [--json]\n' +
  "  DIR is a release's review folder (it holds compare.json). PATTERN is matched (* and ?) against\n" +
  "  a difference's member path or its full id. diffoscope runs first where a report is missing.\n" +
  '  Exit 0 when every differing artifact is approved, 1 otherwise, 2 for bad input.';

const open = (node: DifferenceNode) => node.decidable && !node.explainedBy;

/** `countersign review`: step 4 decisions for scripted workflows, each in the audit log. */
export async function reviewCommand(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    {
      review: { type: 'string' },
      artifact: { type: 'string' },
      list: { type: 'boolean' },
      path: { type: 'string' },
      accept: { type: 'string' },
      block: { type: 'string' },
      json: { type: 'boolean' },
    },
    reviewUsage,
  );
  const reviewDir = requireOption(values.review, 'review', reviewUsage);
  const deciding = values.accept !== undefined || values.block !== undefined;
  if (values.accept !== undefined && values.block !== undefined) {
    throw new CountersignError(
      'INVALID_REQUEST',
      'Give --accept or --block, not both.',
      `Usage: ${reviewUsage}`,
    );
  }
  if (!values.list && !(deciding && values.path)) {
    throw new CountersignError(
      'INVALID_REQUEST',
      'Say what to do: --list, or --path with --accept or --block.',
      `Usage: ${reviewUsage}`,
    );
  }
  if (values.accept !== undefined && values.accept.trim() === '') {
    throw new CountersignError(
      'INVALID_REQUEST',
      '--accept needs a reason saying why the difference is harmless.',
      `Usage: ${reviewUsage}`,
    );
  }
  const tag = basename(reviewDir);
  const comparison = await readSavedComparison(reviewDir);
  if (!comparison) {
    throw new CountersignError(
      'NO_COMPARISON',
      `${JSON.stringify(reviewDir)} holds no comparison (compare.json).`,
      'Run countersign compare --project FILE --tag NAME first.',
    );
  }
  const rows = comparison.artifacts.filter(
    (row) =>
      row.status === 'differs' &&
      (!values.artifact || row.name === values.artifact || row.key === values.artifact),
  );
  if (values.artifact && rows.length === 0) {
    throw new CountersignError(
      'ARTIFACT_NOT_FOUND',
      `No differing artifact is called ${JSON.stringify(values.artifact)}.`,
      `Differing: ${
        comparison.artifacts
          .filter((row) => row.status === 'differs')
          .map((row) => row.name)
          .join(', ') || 'none'
      }`,
    );
  }

  const interrupt = interruptSignal();
  const out: string[] = [];
  const json: unknown[] = [];
  let matched = 0;
  let allApproved = true;
  try {
    for (const row of rows) {
      const target = await locateTarget(reviewDir, tag, row.key);
      const folder = reportFolder(reviewDir, row.key);
      let saved: SavedReport | null = await readSavedReport(folder);
      if (!saved) {
        saved = await makeReport(target, await artifactFiles(reviewDir, comparison, row), {
          report: terminalReporter(interrupt.signal),
        });
      }
      if (deciding && values.path) {
        const matches = pathPattern(values.path);
        const ids = saved.nodes
          .filter(
            (node) =>
              open(node) && (matches(node.source1) || matches(node.source2) || matches(node.id)),
          )
          .map((node) => node.id);
        matched += ids.length;
        await recordDecisions(
          reviewDir,
          { key: row.key, name: row.name },
          saved.reportSha256,
          ids.map((differenceId) => ({
            differenceId,
            decision: values.accept !== undefined ? 'accepted' : 'blocking',
            comment: (values.accept ?? values.block ?? '').trim(),
            rule: describeRule({ by: 'path', pattern: values.path ?? '' }),
          })),
        );
      }
      const decisions = await currentDecisions(reviewDir, row.key, saved.reportSha256);
      const { verdict, counts } = verdictOf(saved.nodes, decisions);
      if (verdict !== 'approved') allApproved = false;
      json.push({
        key: row.key,
        name: row.name,
        verdict,
        counts,
        report: { sha256: saved.reportSha256, diffoscopeVersion: saved.diffoscopeVersion },
        differences: saved.nodes
          .filter(open)
          .map((node) => ({ id: node.id, decision: decisions[node.id] ?? null })),
      });
      out.push(
        `${verdict === 'approved' ? '✔' : '✘'} ${safeForTerminal(row.name)}: ${verdict} (${counts.accepted} accepted, ${counts.blocking} blocking, ${counts.unreviewed} unreviewed)`,
      );
      for (const node of saved.nodes.filter(open)) {
        const decision = decisions[node.id];
        out.push(
          `    ${decision ? decision.decision.padEnd(9) : 'open     '} ${safeForTerminal(node.id)}${decision?.comment ? ` — ${safeForTerminal(decision.comment)}` : ''}`,
        );
      }
    }
  } finally {
    interrupt.release();
  }
  if (deciding && matched === 0) {
    throw new CountersignError(
      'DIFFERENCE_NOT_FOUND',
      `--path ${JSON.stringify(values.path)} matches no difference.`,
      'List them with --list; patterns match a member path such as ./usr/share/doc/* or a full id.',
    );
  }
  if (values.json)
    process.stdout.write(`${JSON.stringify({ recorded: matched, artifacts: json }, null, 2)}\n`);
  else
    process.stdout.write(
      `${deciding ? `recorded ${matched} decision(s) in the audit log\n` : ''}${out.join('\n')}\n`,
    );
  return allApproved ? EXIT.ok : EXIT.refused;
}
