import { CountersignError } from '../../../shared/errors';
import { reviewFolderVerdicts } from '../../core/review/index';
import { EXIT } from '../exitCodes';
import { parseOptions, requireOption } from '../parseOptions';
import { interruptSignal, terminalReporter } from '../terminalReporter';
import { safeForTerminal } from '../terminalText';
import { signOffCommand } from './signOffCommand';

export const reviewUsage =
  'countersign review --review DIR [--artifact NAME] (--list | --path PATTERN (--accept "REASON" | --block "REASON")) [--json]\n' +
  "  DIR is a release's review folder (it holds compare.json). PATTERN is matched (* and ?) against\n" +
  "  a difference's member path, as the UI's rules are. diffoscope runs first where a report is missing.\n" +
  '  Exit 0 when every differing artifact is approved, 1 otherwise, 2 for bad input.';

/** `countersign review`: step 4 decisions for scripted workflows, each in the audit log. */
export async function reviewCommand(args: string[]): Promise<number> {
  if (args[0] === 'sign-off') return signOffCommand(args.slice(1));
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
  const interrupt = interruptSignal();
  let found;
  try {
    found = await reviewFolderVerdicts(reviewDir, {
      ...(values.artifact ? { artifact: values.artifact } : {}),
      ...(deciding && values.path
        ? {
            decide: {
              rule: { by: 'path', pattern: values.path },
              decision: values.accept !== undefined ? 'accepted' : 'blocking',
              comment: values.accept ?? values.block ?? '',
            },
          }
        : {}),
      report: terminalReporter(interrupt.signal),
    });
  } finally {
    interrupt.release();
  }
  const matched = found.recorded;
  const out: string[] = [];
  for (const artifact of found.artifacts) {
    const { counts } = artifact;
    out.push(
      `${artifact.verdict === 'approved' ? '✔' : '✘'} ${safeForTerminal(artifact.name)}: ${artifact.verdict} (${counts.accepted} accepted, ${counts.blocking} blocking, ${counts.unreviewed} unreviewed)`,
    );
    for (const { id, decision } of artifact.differences) {
      out.push(
        `    ${decision ? decision.decision.padEnd(9) : 'open     '} ${safeForTerminal(id)}${decision?.comment ? ` — ${safeForTerminal(decision.comment)}` : ''}`,
      );
    }
  }
  const allApproved = found.artifacts.every((artifact) => artifact.verdict === 'approved');
  if (deciding && matched === 0) {
    throw new CountersignError(
      'DIFFERENCE_NOT_FOUND',
      `--path ${JSON.stringify(values.path)} matches no difference.`,
      'List them with --list; patterns match a member path such as usr/share/doc/** or *.gz.',
    );
  }
  if (values.json)
    process.stdout.write(
      `${JSON.stringify({ recorded: matched, artifacts: found.artifacts }, null, 2)}\n`,
    );
  else
    process.stdout.write(
      `${deciding ? `recorded ${matched} decision(s) in the audit log\n` : ''}${out.join('\n')}\n`,
    );
  return allApproved ? EXIT.ok : EXIT.refused;
}
