import { readFile } from 'node:fs/promises';
import { groupedFingerprint } from '../../../shared/auditSummary';
import { CountersignError } from '../../../shared/errors';
import type { ReviewerKeyInfo } from '../../../shared/reviewers';
import { loadProject } from '../../core/project/index';
import { currentReviewerKey, importReviewerKey } from '../../core/review/index';
import { EXIT } from '../exitCodes';
import { parseOptions, withUsage } from '../parseOptions';
import { safeForTerminal } from '../terminalText';

export const reviewerUsage =
  'countersign reviewer import-key FILE [--project FILE]\n' +
  'countersign reviewer show [--json]\n' +
  '  Your own OpenPGP signing key, to sign every review decision you record on this machine:\n' +
  '  v4 RSA of 2048 bits or more, or Ed25519, protected by a passphrase\n' +
  '  (gpg --armor --export-secret-keys FINGERPRINT > reviewer-key.asc). It is kept encrypted in the\n' +
  "  app's data folder and unlocked in memory only to sign. With --project, the project's release\n" +
  '  key is refused as a reviewer key. Exit 0 on success, 1 when refused, 2 for bad input.';

function infoText(info: ReviewerKeyInfo): string {
  return [
    `Reviewer key ${groupedFingerprint(info.fingerprint)}`,
    ...info.userIds.map((id) => `  user ID: ${safeForTerminal(id)}`),
    `  signs with: ${safeForTerminal(info.algorithm)} ${groupedFingerprint(info.signingKey)}`,
    `  protected by a passphrase: ${info.protected ? 'yes' : 'no'}`,
    '  Give this fingerprint and your public key (gpg --armor --export FINGERPRINT) to the release',
    '  manager, who pins them in project.json\'s "reviewPolicy".',
  ].join('\n');
}

/** `countersign reviewer`: this machine's reviewer key, imported or shown. */
export async function reviewerCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'import-key') {
    const [file, ...options] = rest;
    if (!file || file.startsWith('--')) {
      throw new CountersignError(
        'INVALID_REQUEST',
        'Name the key file.',
        `Usage: ${reviewerUsage}`,
      );
    }
    const values = parseOptions(options, { project: { type: 'string' } }, reviewerUsage);
    let armored: string;
    try {
      armored = await readFile(file, 'utf8');
    } catch {
      throw new CountersignError(
        'INVALID_REQUEST',
        `The key file ${JSON.stringify(file)} cannot be read.`,
      );
    }
    const project = values.project ? await loadProject(values.project) : null;
    const info = await withUsage(reviewerUsage, importReviewerKey(armored, project));
    process.stdout.write(`Imported.\n${infoText(info)}\n`);
    return EXIT.ok;
  }
  if (action === 'show') {
    const values = parseOptions(rest, { json: { type: 'boolean' } }, reviewerUsage);
    const info = await currentReviewerKey(null);
    if (values.json) process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
    else if (!info) {
      process.stdout.write(
        'No reviewer key is imported on this machine: countersign reviewer import-key FILE\n',
      );
    } else process.stdout.write(`${infoText(info)}\n`);
    return info ? EXIT.ok : EXIT.refused;
  }
  throw new CountersignError(
    'INVALID_REQUEST',
    'Say what to do: import-key FILE, or show.',
    `Usage: ${reviewerUsage}`,
  );
}
