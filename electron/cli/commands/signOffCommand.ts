import { CountersignError } from '../../../shared/errors';
import { signOffRelease } from '../../core/approve/index';
import { loadProject } from '../../core/project/index';
import { EXIT } from '../exitCodes';
import { parseOptions, requireOption } from '../parseOptions';
import { passphraseOption } from '../readPassphrase';
import { safeForTerminal } from '../terminalText';

export const signOffUsage =
  'countersign review sign-off --project FILE --tag NAME (--passphrase-file FILE | --passphrase-fd N) [--json]\n' +
  "  Signs, with this machine's reviewer key, an in-toto link for the step approve listing the\n" +
  "  release's .debs your signed decisions approve (approvals/approve.<keyid8>.link in its review\n" +
  '  folder). The promotion publishes it beside the layout for in-toto-verify (docs/attestations.md).\n' +
  '  The passphrase is read from a file or a file descriptor, never from the command line.';

const usageError = (message: string) =>
  new CountersignError('INVALID_REQUEST', message, `Usage: ${signOffUsage}`);

/** `countersign review sign-off`: a reviewer's approval of a release, signed with their own key. */
export async function signOffCommand(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    {
      project: { type: 'string' },
      tag: { type: 'string' },
      'passphrase-file': { type: 'string' },
      'passphrase-fd': { type: 'string' },
      passphrase: { type: 'string' },
      json: { type: 'boolean' },
    },
    signOffUsage,
  );
  if (values.passphrase !== undefined) {
    throw usageError(
      'A passphrase on the command line is readable by every user of this machine: use --passphrase-file or --passphrase-fd.',
    );
  }
  const projectFile = requireOption(values.project, 'project', signOffUsage);
  const tag = requireOption(values.tag, 'tag', signOffUsage);
  const passphrase = await passphraseOption(
    values,
    'Your reviewer key signs the sign-off',
    signOffUsage,
  );
  const project = await loadProject(projectFile);
  const result = await signOffRelease(project, { tag, passphrase });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines = [
    `✔ signed off on ${safeForTerminal(tag)} with key ${result.signedWith.toUpperCase()}: ${result.file}`,
    ...result.products.map(({ name, sha256 }) => `    ${safeForTerminal(name)}  sha256:${sha256}`),
    ...result.left.map(({ name, why }) => `  not covered: ${safeForTerminal(name)} (${why})`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
