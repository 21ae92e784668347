import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { groupedFingerprint } from '../../../shared/auditSummary';
import { CountersignError } from '../../../shared/errors';
import type { ReviewerKeyInfo } from '../../../shared/reviewers';
import { loadProject } from '../../core/project/index';
import {
  attestRebuild,
  currentRebuilderKey,
  importRebuilderKey,
  importRebuildLinks,
} from '../../core/rebuilderLinks/index';
import { publishRebuildsAgain } from '../../core/promote/index';
import { EXIT } from '../exitCodes';
import { parseOptions, requireOption, withUsage } from '../parseOptions';
import { passphraseOption } from '../readPassphrase';
import { safeForTerminal } from '../terminalText';

export const rebuilderUsage =
  'countersign rebuilder import-key FILE [--project FILE]\n' +
  'countersign rebuilder show [--json]\n' +
  "  This machine's own rebuilder signing key: v4 RSA of 2048 bits or more, or Ed25519, protected by a\n" +
  "  passphrase, never the release key. Kept encrypted in the app's data folder, unlocked in memory only to sign.\n" +
  'countersign rebuilder attest --project FILE --tag NAME (--passphrase-file FILE | --passphrase-fd N) [--out DIR] [--json]\n' +
  '  Signs an in-toto link for the step rebuild for each package this rebuild reproduced (compare first),\n' +
  '  kept in the release\u2019s review folder; with --out, also written there as the tree apt-transport-in-toto\n' +
  "  fetches (sources/<package>/<version>/metadata): serve it at this rebuilder's URL, or hand it in.\n" +
  'countersign rebuilder add-links DIR --project FILE --tag NAME [--json]\n' +
  "  Takes in another rebuilder's tree for apt-prod to publish at the next promotion: every link checked\n" +
  '  against the pinned rebuilders and CI\u2019s bytes first, all kept or none.\n' +
  'countersign rebuilder publish --project FILE --tag NAME (--passphrase-file FILE | --passphrase-fd N)\n' +
  "  Publishes a promoted release's rebuilder links again, with the layout signed afresh by the release\n" +
  '  key (its passphrase): after links were added, the rebuilders changed, or before the layout expires.';

const usageError = (message: string) =>
  new CountersignError('INVALID_REQUEST', message, `Usage: ${rebuilderUsage}`);

function infoText(info: ReviewerKeyInfo): string {
  return [
    `Rebuilder key ${groupedFingerprint(info.fingerprint)}`,
    ...info.userIds.map((id) => `  user ID: ${safeForTerminal(id)}`),
    `  signs with: ${safeForTerminal(info.algorithm)} ${groupedFingerprint(info.signingKey)}`,
    '  Give this fingerprint and the public key (gpg --armor --export FINGERPRINT) to the release',
    '  manager, who pins them in project.json\'s "rebuilders".',
  ].join('\n');
}

async function importKey(rest: string[]): Promise<number> {
  const [file, ...options] = rest;
  if (!file || file.startsWith('--')) throw usageError('Name the key file.');
  const values = parseOptions(options, { project: { type: 'string' } }, rebuilderUsage);
  const armored = await readFile(file, 'utf8').catch(() => {
    throw new CountersignError(
      'INVALID_REQUEST',
      `The key file ${JSON.stringify(file)} cannot be read.`,
    );
  });
  const project = values.project ? await loadProject(values.project) : null;
  const info = await withUsage(rebuilderUsage, importRebuilderKey(armored, project));
  process.stdout.write(`Imported.\n${infoText(info)}\n`);
  return EXIT.ok;
}

async function attest(rest: string[]): Promise<number> {
  const values = parseOptions(
    rest,
    {
      project: { type: 'string' },
      tag: { type: 'string' },
      out: { type: 'string' },
      'passphrase-file': { type: 'string' },
      'passphrase-fd': { type: 'string' },
      json: { type: 'boolean' },
    },
    rebuilderUsage,
  );
  const project = await loadProject(requireOption(values.project, 'project', rebuilderUsage));
  const tag = requireOption(values.tag, 'tag', rebuilderUsage);
  const result = await attestRebuild(project, {
    tag,
    passphrase: await passphraseOption(values, 'The rebuilder key signs the links', rebuilderUsage),
    ...(values.out ? { out: resolve(values.out) } : {}),
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines = [
    `signed ${result.links.length} rebuild link(s) by ${groupedFingerprint(result.rebuilder)} in ${safeForTerminal(result.tree)}`,
    ...result.links.map(
      (link) => `  ${safeForTerminal(link.product)} ${link.sha256}  ${safeForTerminal(link.path)}`,
    ),
    ...result.left.map((left) => `  not vouched for: ${safeForTerminal(left.name)} (${left.why})`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

async function addLinks(rest: string[]): Promise<number> {
  const [dir, ...options] = rest;
  if (!dir || dir.startsWith('--'))
    throw usageError('Name the folder of the rebuilder\u2019s tree.');
  const values = parseOptions(
    options,
    { project: { type: 'string' }, tag: { type: 'string' }, json: { type: 'boolean' } },
    rebuilderUsage,
  );
  const project = await loadProject(requireOption(values.project, 'project', rebuilderUsage));
  const tag = requireOption(values.tag, 'tag', rebuilderUsage);
  const result = await importRebuildLinks(project, tag, resolve(dir));
  process.stdout.write(
    values.json
      ? `${JSON.stringify(result, null, 2)}\n`
      : `${safeForTerminal(result.name)} (${groupedFingerprint(result.rebuilder)}): ${result.imported} link(s) kept for the next promotion\n`,
  );
  return EXIT.ok;
}

async function publish(rest: string[]): Promise<number> {
  const values = parseOptions(
    rest,
    {
      project: { type: 'string' },
      tag: { type: 'string' },
      'passphrase-file': { type: 'string' },
      'passphrase-fd': { type: 'string' },
    },
    rebuilderUsage,
  );
  const project = await loadProject(requireOption(values.project, 'project', rebuilderUsage));
  const tag = requireOption(values.tag, 'tag', rebuilderUsage);
  const written = await publishRebuildsAgain(
    project,
    {
      tag,
      passphrase: await passphraseOption(
        values,
        'The release key signs the layout',
        rebuilderUsage,
      ),
    },
    { phase: () => {}, log: (line) => process.stderr.write(`${safeForTerminal(line)}\n`) },
  );
  process.stdout.write(
    `published ${written.length} file(s) in apt-prod:\n${written.map((file) => `  ${safeForTerminal(file)}`).join('\n')}\n`,
  );
  return EXIT.ok;
}

/** `countersign rebuilder`: this machine's rebuilder key, its links, and other rebuilders' links taken in. */
export async function rebuilderCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'import-key') return importKey(rest);
  if (action === 'attest') return attest(rest);
  if (action === 'add-links') return addLinks(rest);
  if (action === 'publish') return publish(rest);
  if (action === 'show') {
    const values = parseOptions(rest, { json: { type: 'boolean' } }, rebuilderUsage);
    const info = await currentRebuilderKey(null);
    if (values.json) process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
    else if (!info) {
      process.stdout.write(
        'No rebuilder key is imported on this machine: countersign rebuilder import-key FILE\n',
      );
    } else process.stdout.write(`${infoText(info)}\n`);
    return info ? EXIT.ok : EXIT.refused;
  }
  throw usageError('Say what to do: import-key FILE, show, attest, add-links DIR or publish.');
}
