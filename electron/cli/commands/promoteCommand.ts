import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import { packageNameSchema } from '../../../shared/compare';
import { tagNameSchema } from '../../../shared/tags';
import { reviewFolder } from '../../core/lib/project/countersignHome';
import { loadProject, type LoadedProject } from '../../core/lib/project/projectStore';
import { preparePromotion } from '../../core/promote/planPromotion';
import {
  aptProdRootOf,
  projectPromotionSources,
  projectReleaseKey,
} from '../../core/promote/projectPromotion';
import { rollbackRelease } from '../../core/promote/rollbackRelease';
import type { PromotionSources } from '../../core/promote/promotionSources';
import { runPromotion } from '../../core/promote/runPromotion';
import { recordedTagGate } from '../../core/lib/reviewFolder/tagGate';
import { readReleaseKey } from '../../core/lib/openpgp/index';
import { EXIT } from '../exitCodes';
import { parseOptions } from '../parseOptions';
import { planText, resultText } from '../promotionText';
import { readPassphraseFd, readPassphraseFile } from '../readPassphrase';
import { readKeyringFile } from '../readKeyringFile';
import { interruptSignal, terminalReporter } from '../terminalReporter';

export const promoteUsage =
  'countersign promote --review DIR --from APT_TEST --to APT_PROD_DIR --key FILE (--passphrase-file FILE | --passphrase-fd N)\n' +
  '                    [--apt-key FILE]… [--project FILE] [--tag NAME] [--packages NAME[,NAME…]] [--allow-downgrade]\n' +
  '                    [--allow-unprotected-key] [--suite S] [--codename C] [--origin O] [--label L] [--valid-days N]\n' +
  '                    [--resource-uri URI] [--dry-run] [--json]\n' +
  '       countersign promote --rollback --review DIR --to APT_PROD_DIR [--json]   (or --project FILE --tag NAME)\n' +
  "  Promotes the review's approved packages from apt-test into apt-prod, signed with the release key.\n" +
  '  The passphrase is read from a file or a file descriptor, never from the command line.\n' +
  '  With --project, the tag is verified again now and the project supplies every default.\n' +
  '  The signed attestations are published in APT_PROD_DIR/attestations/<tag>/; --resource-uri names apt-prod\n' +
  "  in them as its users know it (the folder's file: URL otherwise).\n" +
  '  Exit 0 when published (or, with --dry-run, when the plan can be published), 1 when refused.';

const OPTIONS = {
  review: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  key: { type: 'string' },
  'passphrase-file': { type: 'string' },
  'passphrase-fd': { type: 'string' },
  'apt-key': { type: 'string', multiple: true },
  project: { type: 'string' },
  tag: { type: 'string' },
  packages: { type: 'string', multiple: true },
  'allow-downgrade': { type: 'boolean' },
  'allow-unprotected-key': { type: 'boolean' },
  suite: { type: 'string' },
  codename: { type: 'string' },
  origin: { type: 'string' },
  label: { type: 'string' },
  'valid-days': { type: 'string' },
  'resource-uri': { type: 'string' },
  'dry-run': { type: 'boolean' },
  rollback: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseOptions<typeof OPTIONS>>;

function usageError(message: string): CountersignError {
  return new CountersignError('INVALID_REQUEST', message, `Usage: ${promoteUsage}`);
}

function packagesFrom(values: string[] | undefined): string[] {
  const names = (values ?? []).flatMap((value) => value.split(',')).map((name) => name.trim());
  for (const name of names) {
    if (!packageNameSchema.safeParse(name).success) {
      throw usageError(`${JSON.stringify(name.slice(0, 80))} is not a Debian package name.`);
    }
  }
  return names.filter(Boolean);
}

function validDays(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    throw usageError('--valid-days takes a whole number of days from 1 to 3650.');
  }
  return days;
}

/** Reads the release key file given on the command line, with the same checks as an import. */
async function releaseKeyFromFile(file: string, allowUnprotected: boolean, date: Date) {
  let armored: string;
  try {
    armored = await readFile(file, 'utf8');
  } catch {
    throw new CountersignError(
      'INVALID_REQUEST',
      `The release key file ${JSON.stringify(file)} cannot be read.`,
    );
  }
  return readReleaseKey(armored, { allowUnprotected, date });
}

/**
 * Where everything comes from: the project when given (its apt-test, apt-prod,
 * release key, and a tag verified now), overridden by explicit options; else
 * the options alone, with the tag's verification as the audit log recorded it.
 */
async function sourcesFrom(
  values: Values,
  project: LoadedProject | null,
): Promise<PromotionSources> {
  const tagInput = values.tag ?? (values.review ? basename(values.review) : undefined);
  const tag = tagNameSchema.safeParse(tagInput);
  if (!tag.success)
    throw usageError('Give --review DIR (its folder name is the tag) or --tag NAME.');
  const base = project ? await projectPromotionSources(project, tag.data).catch(() => null) : null;
  const reviewDir = values.review
    ? resolve(values.review)
    : project
      ? reviewFolder(project.config.name, tag.data)
      : null;
  if (!reviewDir) throw usageError('--review DIR is required.');
  const from = values.from?.replace(/^apt:/, '') ?? base?.aptTest.root;
  if (!from) throw usageError('--from APT_TEST is required.');
  const to = values.to ?? base?.aptProd.root;
  if (!to) throw usageError('--to APT_PROD_DIR is required.');
  const aptKeys = [
    ...(base?.aptTest.keys ?? []),
    ...(await Promise.all((values['apt-key'] ?? []).map(readKeyringFile))).flat(),
  ];
  if (aptKeys.length === 0) {
    throw usageError("apt-test's Release must be checked: give --apt-key FILE (or --project).");
  }
  const keyFile = values.key;
  if (!keyFile && !project?.config.releaseKey) throw usageError('--key FILE is required.');
  const allowUnprotected = values['allow-unprotected-key'] ?? false;
  const days = validDays(values['valid-days']);
  const url = values['resource-uri'] ?? base?.aptProd.url;
  if (url !== undefined && !URL.canParse(url)) {
    throw usageError('--resource-uri takes an absolute URI, such as https://apt.example.org/.');
  }
  return {
    tag: tag.data,
    reviewDir,
    aptTest: {
      root: /^https?:\/\//i.test(from) ? from : resolve(from),
      keys: aptKeys,
      selection: base?.aptTest.selection ?? {},
    },
    aptProd: {
      root: resolve(to),
      ...((values.suite ?? base?.aptProd.suite)
        ? { suite: values.suite ?? base?.aptProd.suite }
        : {}),
      ...((values.codename ?? base?.aptProd.codename)
        ? { codename: values.codename ?? base?.aptProd.codename }
        : {}),
      origin: values.origin ?? base?.aptProd.origin ?? 'Countersign',
      label: values.label ?? base?.aptProd.label ?? 'Countersign',
      ...((days ?? base?.aptProd.validDays) ? { validDays: days ?? base?.aptProd.validDays } : {}),
      acquireByHash: base?.aptProd.acquireByHash ?? true,
      ...(url ? { url } : {}),
    },
    tagGate: base
      ? base.tagGate
      : (rebuiltCommit) => recordedTagGate(reviewDir, tag.data, rebuiltCommit),
    releaseKey: (date) =>
      keyFile
        ? releaseKeyFromFile(keyFile, allowUnprotected, date)
        : projectReleaseKey(project!, date),
  };
}

async function passphraseFrom(values: Values): Promise<string> {
  if (values['passphrase-file'] && values['passphrase-fd']) {
    throw usageError('Give --passphrase-file or --passphrase-fd, not both.');
  }
  if (values['passphrase-file']) return readPassphraseFile(values['passphrase-file']);
  if (values['passphrase-fd']) {
    const fd = Number(values['passphrase-fd']);
    if (!Number.isInteger(fd) || fd < 0)
      throw usageError('--passphrase-fd takes a file descriptor number.');
    return readPassphraseFd(fd);
  }
  throw usageError(
    'The release key needs its passphrase: give --passphrase-file FILE or --passphrase-fd N (never on the command line).',
  );
}

/** `--rollback`: apt-prod serves its previous publication again, in one rename; audited. */
async function rollbackCommand(values: Values, project: LoadedProject | null): Promise<number> {
  const tag = tagNameSchema.safeParse(values.tag ?? (values.review ? basename(values.review) : ''));
  const to = values.to ?? (project ? aptProdRootOf(project) : undefined);
  const reviewDir = values.review
    ? resolve(values.review)
    : project && tag.success
      ? reviewFolder(project.config.name, tag.data)
      : undefined;
  if (!to || !reviewDir || !tag.success) {
    throw usageError('--rollback needs --to and --review (or --project and --tag).');
  }
  const result = await rollbackRelease(resolve(to), reviewDir);
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    process.stdout.write(
      `apt-prod serves publication ${result.to.id} again (of ${result.to.tag ?? 'an earlier release'}); ${result.from.id} was rolled back.\n`,
    );
  }
  return EXIT.ok;
}

/** `countersign promote`: step 5 for scripts, the same gate and publisher as the UI. */
export async function promoteCommand(args: string[]): Promise<number> {
  const values = parseOptions(args, OPTIONS, promoteUsage);
  const project = values.project ? await loadProject(values.project) : null;
  if (values.rollback) return rollbackCommand(values, project);
  const sources = await sourcesFrom(values, project);
  const dryRun = values['dry-run'] ?? false;
  // Read before any work, so a missing passphrase never costs a download.
  const passphrase = dryRun ? '' : await passphraseFrom(values);
  const request = {
    tag: sources.tag,
    packages: packagesFrom(values.packages),
    allowDowngrade: values['allow-downgrade'] ?? false,
  };
  const interrupt = interruptSignal();
  try {
    const report = terminalReporter(interrupt.signal);
    const { plan } = await preparePromotion(sources, request, report);
    if (dryRun) {
      if (values.json) process.stdout.write(`${JSON.stringify({ plan }, null, 2)}\n`);
      else process.stdout.write(planText(plan));
      return plan.canPromote ? EXIT.ok : EXIT.refused;
    }
    // The plan, with the key that will sign, before signing; a refused plan is refused (and logged) below.
    if (!values.json) process.stderr.write(planText(plan));
    const result = await runPromotion(
      sources,
      { ...request, passphrase, planDigest: plan.planDigest },
      report,
    );
    if (values.json) process.stdout.write(`${JSON.stringify({ result }, null, 2)}\n`);
    else process.stdout.write(resultText(result));
    return EXIT.ok;
  } finally {
    interrupt.release();
  }
}
