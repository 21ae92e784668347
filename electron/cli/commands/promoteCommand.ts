import { CountersignError } from '../../../shared/errors';
import { packageNameSchema } from '../../../shared/compare';
import {
  preparePromotion,
  resolvePromotionSources,
  resolveRollback,
  resolveWithdrawal,
  rollbackRelease,
  runPromotion,
  withdrawPackage,
  type PromotionOptions,
} from '../../core/promote/index';
import { EXIT } from '../exitCodes';
import { parseOptions, withUsage } from '../parseOptions';
import { planText, resultText } from '../promotionText';
import { readPassphraseFd, readPassphraseFile } from '../readPassphrase';
import { interruptSignal, terminalReporter } from '../terminalReporter';

export const promoteUsage =
  'countersign promote --review DIR --from APT_TEST --to APT_PROD_DIR --key FILE (--passphrase-file FILE | --passphrase-fd N)\n' +
  '                    [--apt-key FILE]… [--project FILE] [--tag NAME] [--packages NAME[,NAME…]] [--allow-downgrade]\n' +
  '                    [--allow-unprotected-key] [--suite S] [--codename C] [--origin O] [--label L] [--valid-days N]\n' +
  '                    [--resource-uri URI] [--dry-run] [--json]\n' +
  '       countersign promote --rollback --review DIR --to APT_PROD_DIR [--json]   (or --project FILE --tag NAME)\n' +
  '       countersign promote --withdraw NAME --reason TEXT --review DIR --to APT_PROD_DIR --key FILE\n' +
  '                    (--passphrase-file FILE | --passphrase-fd N) [--json]   (or --project FILE --tag NAME)\n' +
  "  Promotes the review's approved packages from apt-test into apt-prod, signed with the release key.\n" +
  '  The passphrase is read from a file or a file descriptor, never from the command line.\n' +
  '  With --project, the tag is verified again now and the project supplies every default.\n' +
  '  The signed attestations are published in APT_PROD_DIR/attestations/<tag>/; --resource-uri names apt-prod\n' +
  "  in them as its users know it (the folder's file: URL otherwise).\n" +
  '  --withdraw publishes a new, signed apt-prod without every version of NAME (a package blocked after it was\n' +
  "  published), recorded with the reason in the review's audit log; --rollback serves it again.\n" +
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
  withdraw: { type: 'string' },
  reason: { type: 'string' },
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

/** The options as the engine takes them; what is missing is refused there, with the option to give. */
function promotionOptions(values: Values): PromotionOptions {
  const days = validDays(values['valid-days']);
  const given = {
    projectFile: values.project,
    tag: values.tag,
    reviewDir: values.review,
    from: values.from,
    to: values.to,
    keyFile: values.key,
    allowUnprotectedKey: values['allow-unprotected-key'],
    aptKeyFiles: values['apt-key'],
    suite: values.suite,
    codename: values.codename,
    origin: values.origin,
    label: values.label,
    validDays: days,
    resourceUri: values['resource-uri'],
  };
  return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
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
async function rollbackCommand(values: Values): Promise<number> {
  const { aptProd, reviewDir } = await withUsage(
    promoteUsage,
    resolveRollback(promotionOptions(values)),
  );
  const result = await rollbackRelease(aptProd, reviewDir);
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    process.stdout.write(
      `apt-prod serves publication ${result.to.id} again (of ${result.to.tag ?? 'an earlier release'}); ${result.from.id} was rolled back.\n`,
    );
  }
  return EXIT.ok;
}

/** `--withdraw NAME --reason TEXT`: a new signed apt-prod without the package; audited with the reason. */
async function withdrawCommand(name: string, values: Values): Promise<number> {
  if (values.rollback) throw usageError('Give --withdraw or --rollback, not both.');
  if (values.reason === undefined) {
    throw usageError('--withdraw needs --reason TEXT: the audit log keeps why the package left.');
  }
  const sources = await withUsage(promoteUsage, resolveWithdrawal(promotionOptions(values)));
  const passphrase = await passphraseFrom(values);
  const interrupt = interruptSignal();
  try {
    const result = await withdrawPackage(
      sources,
      { tag: sources.tag, package: name, reason: values.reason, passphrase },
      terminalReporter(interrupt.signal),
    );
    if (values.json) process.stdout.write(`${JSON.stringify({ result }, null, 2)}\n`);
    else {
      const gone = result.withdrawn.map(
        (pkg) => `${pkg.package} ${pkg.version} (${pkg.architecture})`,
      );
      process.stdout.write(
        `apt-prod now serves publication ${result.publication.id}, without ${gone.join(', ')}.\n` +
          (result.previous
            ? `Publication ${result.previous.id}, which served it, is kept: countersign promote --rollback serves it again.\n`
            : ''),
      );
    }
    return EXIT.ok;
  } finally {
    interrupt.release();
  }
}

/** `countersign promote`: step 5 for scripts, the same gate and publisher as the UI. */
export async function promoteCommand(args: string[]): Promise<number> {
  const values = parseOptions(args, OPTIONS, promoteUsage);
  if (values.withdraw !== undefined) return withdrawCommand(values.withdraw, values);
  if (values.reason !== undefined) throw usageError('--reason goes with --withdraw NAME.');
  if (values.rollback) return rollbackCommand(values);
  const sources = await withUsage(promoteUsage, resolvePromotionSources(promotionOptions(values)));
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
