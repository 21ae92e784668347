import { toAppError } from '../../shared/errors';
import { attestCommand, attestUsage } from './commands/attestCommand';
import { auditCommand, auditUsage } from './commands/auditCommand';
import { compareCommand, compareUsage } from './commands/compareCommand';
import { demoCommand, demoUsage } from './commands/demoCommand';
import { diffCommand, diffUsage } from './commands/diffCommand';
import { doctorCommand, doctorUsage } from './commands/doctorCommand';
import { fetchCommand, fetchUsage } from './commands/fetchCommand';
import { initCommand, initUsage } from './commands/initCommand';
import { promoteCommand, promoteUsage } from './commands/promoteCommand';
import { rebuildCommand, rebuildUsage } from './commands/rebuildCommand';
import { reviewCommand, reviewUsage } from './commands/reviewCommand';
import { reviewBundleUsage } from './commands/reviewBundleCommand';
import { rebuilderCommand, rebuilderUsage } from './commands/rebuilderCommand';
import { aptConfigCommand, aptConfigUsage } from './commands/aptConfigCommand';
import { signOffUsage } from './commands/signOffCommand';
import { reviewerCommand, reviewerUsage } from './commands/reviewerCommand';
import { serveCommand, serveUsage } from './commands/serveCommand';
import { statusCommand, statusUsage } from './commands/statusCommand';
import { verifyRepoCommand, verifyRepoUsage } from './commands/verifyRepoCommand';
import { verifyTagCommand, verifyTagUsage } from './commands/verifyTagCommand';
import { EXIT, exitCodeForError } from './exitCodes';
import { safeForTerminal } from './terminalText';

type Command = { run: (args: string[]) => Promise<number>; usage: string; summary: string };

const COMMANDS: Record<string, Command> = {
  demo: {
    run: demoCommand,
    usage: demoUsage,
    summary: 'create the sample release (signed tags, keys, project)',
  },
  doctor: {
    run: doctorCommand,
    usage: doctorUsage,
    summary: 'which tools this machine has, what each missing one blocks, the command to fix it',
  },
  status: {
    run: statusCommand,
    usage: statusUsage,
    summary: 'every release of the project, newest first, and the step each continues with',
  },
  init: {
    run: initCommand,
    usage: initUsage,
    summary: "set up a project: its source, trusted signers, recipe, CI's source and apt-prod",
  },
  fetch: {
    run: fetchCommand,
    usage: fetchUsage,
    summary: "re-fetch a mirrored source's tags and say which are new",
  },
  'verify-tag': {
    run: verifyTagCommand,
    usage: verifyTagUsage,
    summary: 'step 1: verify a signed release tag',
  },
  rebuild: {
    run: rebuildCommand,
    usage: rebuildUsage,
    summary: 'step 2: rebuild a verified tag in Docker, network off',
  },
  compare: {
    run: compareCommand,
    usage: compareUsage,
    summary: "step 3: compare CI's artifacts with the local rebuild, hash by hash",
  },
  diff: {
    run: diffCommand,
    usage: diffUsage,
    summary: 'step 4: explain what differs inside two artifacts (diffoscope)',
  },
  review: {
    run: reviewCommand,
    usage: `${reviewUsage}\n${signOffUsage}\n${reviewBundleUsage}`,
    summary: 'step 4: list differences and record decisions, each in the audit log',
  },
  reviewer: {
    run: reviewerCommand,
    usage: reviewerUsage,
    summary: 'step 4: your own signing key, which signs every decision you record',
  },
  rebuilder: {
    run: rebuilderCommand,
    usage: rebuilderUsage,
    summary:
      "step 2: this machine's rebuilder key and its signed rebuild links, for apt-transport-in-toto",
  },
  promote: {
    run: promoteCommand,
    usage: promoteUsage,
    summary:
      'step 5: sign approved packages and publish them from apt-test to apt-prod, atomically',
  },
  'apt-config': {
    run: aptConfigCommand,
    usage: aptConfigUsage,
    summary: 'step 6: what a user installs so that apt itself refuses what was not rebuilt',
  },
  'verify-repo': {
    run: verifyRepoCommand,
    usage: verifyRepoUsage,
    summary: "step 6: QA checks apt-prod, from its signature down to each package's review",
  },
  attest: {
    run: attestCommand,
    usage: attestUsage,
    summary: 'step 6: export signed in-toto attestations (DSSE) and a SLSA VSA, or verify one',
  },
  audit: {
    run: auditCommand,
    usage: auditUsage,
    summary: "the review's audit trail: its history, its chain checked, its signed head verified",
  },
  serve: {
    run: serveCommand,
    usage: serveUsage,
    summary: 'open browser mode on 127.0.0.1 with a token',
  },
};

const HELP = `countersign — prove that CI's packages are what the tagged source builds, before signing them.

Usage: countersign <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(
    ([name, command]) =>
      `  ${name.padEnd(12)}${command.summary}\n  ${' '.repeat(12)}${command.usage}`,
  )
  .join('\n')}

Options common to commands:
  --json      print one JSON document on stdout
  --help      show this help

Exit codes: 0 verified/ok, 1 checked and refused, 2 bad input, 3 environment problem.
`;

/** Runs the CLI; errors become one readable line (and JSON with --json), never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name ? EXIT.ok : EXIT.badInput;
  }
  if (name === '--version') {
    process.stdout.write('countersign 0.1.0\n');
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`countersign: unknown command "${safeForTerminal(name)}".\n\n${HELP}`);
    return EXIT.badInput;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`Usage: ${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(args);
  } catch (error) {
    const appError = toAppError(error);
    if (args.includes('--json')) {
      process.stdout.write(`${JSON.stringify({ error: appError }, null, 2)}\n`);
    }
    process.stderr.write(
      `countersign ${name}: ${safeForTerminal(appError.message)}${appError.hint ? `\n  ${safeForTerminal(appError.hint)}` : ''}\n`,
    );
    return exitCodeForError(appError.code);
  }
}

process.exitCode = await main(process.argv.slice(2));
