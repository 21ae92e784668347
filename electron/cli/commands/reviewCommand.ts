import { groupedFingerprint } from '../../../shared/auditSummary';
import { CountersignError } from '../../../shared/errors';
import { loadProject } from '../../core/project/index';
import { reviewFolderVerdicts } from '../../core/review/index';
import { EXIT } from '../exitCodes';
import { parseOptions, requireOption } from '../parseOptions';
import { readPassphraseFd, readPassphraseFile } from '../readPassphrase';
import { interruptSignal, terminalReporter } from '../terminalReporter';
import { safeForTerminal } from '../terminalText';
import { isReviewBundleCommand, reviewBundleCommand } from './reviewBundleCommand';
import { signOffCommand } from './signOffCommand';

export const reviewUsage =
  'countersign review --review DIR [--artifact NAME] (--list | --path PATTERN (--accept "REASON" | --block "REASON")) [--json]\n' +
  '                   [--project FILE] [--passphrase-file FILE | --passphrase-fd N]\n' +
  '  With a reviewer key imported (countersign reviewer import-key), each decision is signed by it; its\n' +
  '  passphrase comes from a file or a file descriptor, never the command line. --project names the\n' +
  "  project the folder belongs to: its id is signed, and its review policy's pinned reviewers check the signatures.\n" +
  "  DIR is a release's review folder (it holds compare.json). PATTERN is matched (* and ?) against\n" +
  "  a difference's member path, as the UI's rules are. diffoscope runs first where a report is missing.\n" +
  '  Exit 0 when every differing artifact is approved, 1 otherwise, 2 for bad input.';

/** `countersign review`: step 4 decisions for scripted workflows, each in the audit log. */
export async function reviewCommand(args: string[]): Promise<number> {
  if (args[0] === 'sign-off') return signOffCommand(args.slice(1));
  if (isReviewBundleCommand(args)) return reviewBundleCommand(args);
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
      project: { type: 'string' },
      'passphrase-file': { type: 'string' },
      'passphrase-fd': { type: 'string' },
    },
    reviewUsage,
  );
  if (values['passphrase-file'] && values['passphrase-fd']) {
    throw new CountersignError(
      'INVALID_REQUEST',
      'Give --passphrase-file or --passphrase-fd, not both.',
      `Usage: ${reviewUsage}`,
    );
  }
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
  const project = values.project ? await loadProject(values.project) : null;
  const passphrase = await reviewerPassphrase(values['passphrase-file'], values['passphrase-fd']);
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
      project,
      ...(passphrase === undefined ? {} : { passphrase }),
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
      // Every reviewer's own decision, when more than one stands or any is signed.
      const each = decision?.decisions ?? [];
      if (each.length > 1 || each.some((one) => one.signature !== 'unsigned')) {
        for (const one of each) {
          const who = one.fingerprint
            ? `${one.reviewer ?? '?'} (${groupedFingerprint(one.fingerprint)})`
            : `${one.actor}, unsigned`;
          out.push(
            `              ${one.decision.padEnd(9)} by ${safeForTerminal(who)}: signature ${one.signature}`,
          );
        }
      }
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

/** The reviewer key's passphrase, from a file or a descriptor as promote reads the release key's. */
async function reviewerPassphrase(
  file: string | undefined,
  fd: string | undefined,
): Promise<string | undefined> {
  if (file) return readPassphraseFile(file);
  if (fd === undefined) return undefined;
  const number = Number(fd);
  if (!Number.isInteger(number) || number < 0) {
    throw new CountersignError(
      'INVALID_REQUEST',
      '--passphrase-fd takes a file descriptor number.',
      `Usage: ${reviewUsage}`,
    );
  }
  return readPassphraseFd(number);
}
