import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { groupedFingerprint } from '../../../shared/auditSummary';
import { CountersignError } from '../../../shared/errors';
import { loadProject, releaseFolder } from '../../core/project/index';
import {
  exportReviewBundle,
  importDecisions,
  openReviewBundle,
  writeDecisionsFile,
} from '../../core/reviewBundle/index';
import { EXIT } from '../exitCodes';
import { parseOptions, requireOption } from '../parseOptions';
import { passphraseOption } from '../readPassphrase';
import { safeForTerminal } from '../terminalText';

export const reviewBundleUsage =
  'countersign review export (--project FILE --tag NAME | --review DIR) --out FILE [--with-packages] [--json]\n' +
  '  Writes a review bundle (one tar): the release, its reviewers and threshold, each differing\n' +
  "  artifact's SHA-256s, diffoscope's report and decisions already signed; the packages with --with-packages.\n" +
  'countersign review open FILE [--json]\n' +
  '  Checks a bundle (hostile paths, links, sizes; every SHA-256) and unpacks it into a review folder\n' +
  '  under this machine\u2019s data folder; decide there with countersign review --review DIR.\n' +
  'countersign review decisions --review DIR --out FILE (--passphrase-file FILE | --passphrase-fd N)\n' +
  '  Writes your decisions made in an opened bundle as one file signed by your reviewer key.\n' +
  'countersign review import FILE --project FILE --tag NAME [--json]\n' +
  "  Appends a reviewer's decisions file to the release's audit log, only if it verifies.";

const usageError = (message: string) =>
  new CountersignError('INVALID_REQUEST', message, `Usage: ${reviewBundleUsage}`);

/** A leading positional argument (the FILE of `open` and `import`), and the options after it. */
function positional(args: string[], what: string): [string, string[]] {
  const [first, ...rest] = args;
  if (first === undefined || first.startsWith('--')) throw usageError(`Name the ${what}.`);
  return [first, rest];
}

const print = (json: boolean | undefined, value: unknown, text: string) =>
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);

async function exportCommand(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    {
      project: { type: 'string' },
      tag: { type: 'string' },
      review: { type: 'string' },
      out: { type: 'string' },
      'with-packages': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    reviewBundleUsage,
  );
  const out = requireOption(values.out, 'out', reviewBundleUsage);
  let exported;
  if (values.project) {
    const project = await loadProject(values.project);
    const tag = requireOption(values.tag, 'tag', reviewBundleUsage);
    const policy = project.config.reviewPolicy ?? null;
    exported = await exportReviewBundle(
      await releaseFolder(project, tag),
      { project: { id: project.id, name: project.config.name }, tag, policy },
      out,
      { withPackages: values['with-packages'] ?? false },
    );
  } else {
    const dir = resolve(requireOption(values.review, 'review', reviewBundleUsage));
    const tag = values.tag ?? decodeURIComponent(basename(dir));
    const id = basename(dirname(dir));
    exported = await exportReviewBundle(
      dir,
      { project: { id, name: id }, tag, policy: null },
      out,
      { withPackages: values['with-packages'] ?? false },
    );
  }
  print(
    values.json,
    exported,
    `wrote ${safeForTerminal(exported.file)}: ${exported.artifacts} differing artifact(s), ${exported.bytes} bytes, manifest ${exported.manifestSha256}`,
  );
  return EXIT.ok;
}

async function openCommand(args: string[]): Promise<number> {
  const [file, rest] = positional(args, 'bundle file');
  const values = parseOptions(rest, { json: { type: 'boolean' } }, reviewBundleUsage);
  const opened = await openReviewBundle(file);
  const { manifest } = opened;
  const lines = [
    `${opened.alreadyOpen ? 'already open' : 'opened'}: ${safeForTerminal(manifest.project.name)} ${safeForTerminal(manifest.tag)} in ${safeForTerminal(opened.reviewDir)}`,
  ];
  if (manifest.policy) {
    lines.push(
      `policy: ${manifest.policy.threshold} of ${manifest.policy.reviewers.length} reviewers (${manifest.policy.reviewers.map((one) => safeForTerminal(one.name)).join(', ')})`,
    );
  }
  for (const artifact of manifest.artifacts) {
    const names = new Map(manifest.policy?.reviewers.map((one) => [one.fingerprint, one.name]));
    const by = [...new Set(artifact.decisions.map((one) => one.reviewer))].map(
      (fingerprint) =>
        `${safeForTerminal(names.get(fingerprint) ?? '?')} (${groupedFingerprint(fingerprint)})`,
    );
    lines.push(
      `  ${safeForTerminal(artifact.name)}: report ${artifact.report.sha256.slice(0, 16)}…, ${artifact.decisions.length} signed decision(s)${by.length ? ` by ${by.join(', ')}` : ''}`,
    );
  }
  lines.push(
    `next: countersign review --review ${safeForTerminal(opened.reviewDir)} --list, then --path … --accept …, then countersign review decisions --review DIR --out FILE`,
  );
  print(values.json, opened, lines.join('\n'));
  return EXIT.ok;
}

async function decisionsCommand(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    {
      review: { type: 'string' },
      out: { type: 'string' },
      'passphrase-file': { type: 'string' },
      'passphrase-fd': { type: 'string' },
      json: { type: 'boolean' },
    },
    reviewBundleUsage,
  );
  const dir = requireOption(values.review, 'review', reviewBundleUsage);
  const out = requireOption(values.out, 'out', reviewBundleUsage);
  const written = await writeDecisionsFile(
    dir,
    out,
    await passphraseOption(values, 'Your reviewer key signs the file', reviewBundleUsage),
  );
  print(
    values.json,
    written,
    `wrote ${safeForTerminal(written.file)}: ${written.decisions} decision(s) signed by ${groupedFingerprint(written.reviewer)}`,
  );
  return EXIT.ok;
}

async function importCommand(args: string[]): Promise<number> {
  const [file, rest] = positional(args, 'decisions file');
  const values = parseOptions(
    rest,
    { project: { type: 'string' }, tag: { type: 'string' }, json: { type: 'boolean' } },
    reviewBundleUsage,
  );
  const project = await loadProject(requireOption(values.project, 'project', reviewBundleUsage));
  const tag = requireOption(values.tag, 'tag', reviewBundleUsage);
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new CountersignError(
      'SOURCE_UNREADABLE',
      `Countersign cannot read ${JSON.stringify(file)}: ${error instanceof Error ? error.message : String(error)}.`,
    );
  });
  const result = await importDecisions(await releaseFolder(project, tag), project, tag, text);
  print(
    values.json,
    result,
    `${safeForTerminal(result.reviewer.name)} (${groupedFingerprint(result.reviewer.fingerprint)}): ${result.appended} decision(s) appended to the audit log${result.alreadyRecorded ? `, ${result.alreadyRecorded} already recorded` : ''}`,
  );
  return EXIT.ok;
}

/** `countersign review export | open | decisions | import`: reviewing from another machine. */
export function reviewBundleCommand(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === 'export') return exportCommand(rest);
  if (verb === 'open') return openCommand(rest);
  if (verb === 'decisions') return decisionsCommand(rest);
  if (verb === 'import') return importCommand(rest);
  throw usageError(`Unknown review subcommand ${JSON.stringify(verb)}.`);
}

/** Whether `countersign review ARGS` is one of the bundle subcommands. */
export const isReviewBundleCommand = (args: string[]): boolean =>
  ['export', 'open', 'decisions', 'import'].includes(args[0] ?? '');
