import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dsseEnvelopeSchema, type DsseEnvelope } from '../../../shared/attestation';
import { CountersignError } from '../../../shared/errors';
import {
  exportAttestations,
  readKeyringFile,
  readReleaseKey,
  verifyEnvelope,
  withUnlockedKey,
} from '../../core/attest/index';
import { EXIT } from '../exitCodes';
import { parseOptions, requireOption } from '../parseOptions';
import { passphraseOption } from '../readPassphrase';
import { safeForTerminal } from '../terminalText';

export const attestUsage =
  'countersign attest export --review DIR --key FILE (--passphrase-file FILE | --passphrase-fd N) --out DIR\n' +
  '                          [--resource-uri URI] [--repository URL] [--allow-unprotected-key] [--json]\n' +
  '       countersign attest verify FILE --keyring FILE [--resource-uri URI] [--json]\n' +
  '  export writes one signed in-toto statement per promoted artifact (<artifact>.intoto.json) and a\n' +
  '  SLSA VSA for the promoted set (vsa.intoto.json), DSSE envelopes signed by the release key.\n' +
  "  --resource-uri is apt-prod's URI as its users know it (the promoted folder's file: URL otherwise).\n" +
  '  The passphrase is read from a file or a file descriptor, never from the command line.\n' +
  '  verify exits 0 when the attestation is valid, 1 when it is not, 2 for bad input.\n' +
  '  See docs/attestations.md.';

const usageError = (message: string) =>
  new CountersignError('INVALID_REQUEST', message, `Usage: ${attestUsage}`);

/** `countersign attest`: export signed attestations of a promotion, or verify one. */
export async function attestCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'export') return exportCommand(rest);
  if (sub === 'verify') return verifyCommand(rest);
  throw usageError('Say what to do: attest export or attest verify.');
}

async function exportCommand(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    {
      review: { type: 'string' },
      key: { type: 'string' },
      'passphrase-file': { type: 'string' },
      'passphrase-fd': { type: 'string' },
      'allow-unprotected-key': { type: 'boolean' },
      out: { type: 'string' },
      'resource-uri': { type: 'string' },
      repository: { type: 'string' },
      json: { type: 'boolean' },
    },
    attestUsage,
  );
  const reviewDir = resolve(requireOption(values.review, 'review', attestUsage));
  const keyFile = requireOption(values.key, 'key', attestUsage);
  const outDir = resolve(requireOption(values.out, 'out', attestUsage));
  const resourceUri = values['resource-uri'];
  if (resourceUri !== undefined && !URL.canParse(resourceUri)) {
    throw usageError('--resource-uri takes an absolute URI, such as https://apt.example.org/.');
  }
  const allowUnprotected = values['allow-unprotected-key'] ?? false;
  const passphrase =
    allowUnprotected && !values['passphrase-file'] && !values['passphrase-fd']
      ? ''
      : await passphraseOption(values, 'The release key needs its passphrase', attestUsage);
  let armored: string;
  try {
    armored = await readFile(keyFile, 'utf8');
  } catch {
    throw new CountersignError(
      'INVALID_REQUEST',
      `The release key file ${JSON.stringify(keyFile)} cannot be read.`,
    );
  }
  const date = new Date();
  const releaseKey = await readReleaseKey(armored, { allowUnprotected, date });
  const result = await withUnlockedKey(releaseKey, passphrase, (unlocked) =>
    exportAttestations({
      reviewDir,
      outDir,
      unlocked,
      date,
      ...(resourceUri !== undefined ? { resourceUri } : {}),
      ...(values.repository !== undefined ? { repository: values.repository } : {}),
    }),
  );
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    process.stdout.write(
      `${result.files.map(({ file, sha256 }) => `wrote ${safeForTerminal(file)}  sha256:${sha256}`).join('\n')}\n` +
        `signed by ${result.signedBy}, about ${safeForTerminal(result.resourceUri)}\n`,
    );
  }
  return EXIT.ok;
}

async function readEnvelope(file: string): Promise<DsseEnvelope> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new CountersignError('INVALID_ENVELOPE', `${JSON.stringify(file)} cannot be read.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CountersignError('INVALID_ENVELOPE', `${JSON.stringify(file)} is not JSON.`);
  }
  const parsed = dsseEnvelopeSchema.safeParse(json);
  if (!parsed.success) {
    throw new CountersignError(
      'INVALID_ENVELOPE',
      `${JSON.stringify(file)} is not a DSSE envelope (payloadType, payload, signatures).`,
      'Give a file countersign attest export wrote, such as vsa.intoto.json.',
    );
  }
  return parsed.data;
}

async function verifyCommand(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseVerifyArgs>;
  try {
    parsed = parseVerifyArgs(args);
  } catch (error) {
    throw usageError(
      error instanceof Error ? (error.message.split('\n')[0] ?? '') : 'Invalid options.',
    );
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || !positionals[0]) {
    throw usageError('Give exactly one attestation file to verify.');
  }
  const keyring = requireOption(values.keyring, 'keyring', attestUsage);
  const envelope = await readEnvelope(positionals[0]);
  const keys = await readKeyringFile(keyring);
  const expected = values['resource-uri'];
  const verdict = await verifyEnvelope(
    envelope,
    keys,
    expected !== undefined ? { expectedResourceUri: expected } : {},
  );
  if (values.json) process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
  else if (verdict.valid) {
    process.stdout.write(
      `✔ valid ${safeForTerminal(verdict.predicateType ?? '')}, signed by ${verdict.signedBy ?? ''}\n` +
        verdict.subjects
          .map(
            (subject) => `    ${safeForTerminal(subject.name)}  sha256:${subject.digest.sha256}\n`,
          )
          .join('') +
        (verdict.resourceUriChecked
          ? ''
          : `  about ${safeForTerminal(verdict.resourceUri ?? '')}, not checked: give --resource-uri with the repository you use.\n`),
    );
  } else {
    process.stdout.write(`✘ invalid: ${safeForTerminal(verdict.reason ?? '')}\n`);
  }
  return verdict.valid ? EXIT.ok : EXIT.refused;
}

function parseVerifyArgs(args: string[]) {
  return parseArgs({
    args,
    options: {
      keyring: { type: 'string' },
      'resource-uri': { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: true,
  });
}
