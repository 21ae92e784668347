import { CountersignError } from '../../../shared/errors';
import { initProjectRequestSchema, type KeySource } from '../../../shared/projectSetup';
import { initProject } from '../../core/setup/index';
import { EXIT } from '../exitCodes';
import { parseOptions } from '../parseOptions';
import { terminalReporter } from '../terminalReporter';
import { safeForTerminal } from '../terminalText';

export const initUsage =
  'countersign init DIR --source REPO_OR_URL (--signer KEY_FILE | --signer-gpg FINGERPRINT)... [--name NAME] [--id ID]\n' +
  '    [--suite SUITE] [--ci SOURCE [--ci-key KEY_FILE]... [--ci-suite S] [--ci-component C] [--ci-arch A]]\n' +
  '    [--apt-prod DIR [--apt-prod-url URL] [--origin O] [--label L] [--apt-prod-suite S]] [--json]\n' +
  '  Sets up a project in DIR (made if absent): the source (a git repository, or a URL Countersign\n' +
  '  mirrors), the maintainer keys trusted to sign release tags, the rebuild recipe (detected from\n' +
  "  debian/), CI's source (a folder, an archive, or apt:URL, checked now) and apt-prod.";

const OPTIONS = {
  source: { type: 'string' },
  name: { type: 'string' },
  id: { type: 'string' },
  signer: { type: 'string', multiple: true },
  'signer-gpg': { type: 'string', multiple: true },
  suite: { type: 'string' },
  ci: { type: 'string' },
  'ci-key': { type: 'string', multiple: true },
  'ci-suite': { type: 'string' },
  'ci-component': { type: 'string' },
  'ci-arch': { type: 'string' },
  'apt-prod': { type: 'string' },
  'apt-prod-url': { type: 'string' },
  origin: { type: 'string' },
  label: { type: 'string' },
  'apt-prod-suite': { type: 'string' },
  json: { type: 'boolean' },
} as const;

const keys = (files: string[] = [], fingerprints: string[] = []): KeySource[] => [
  ...files.map((path) => ({ kind: 'file' as const, path })),
  ...fingerprints.map((fingerprint) => ({ kind: 'gpg' as const, fingerprint })),
];

/** `countersign init DIR …`: the same engine function and validation as the UI's "New project…". */
export async function initCommand(args: string[]): Promise<number> {
  const first = args[0];
  const dir = first !== undefined && !first.startsWith('-') ? first : undefined;
  const values = parseOptions(dir === undefined ? args : args.slice(1), OPTIONS, initUsage);
  if (!dir) {
    throw new CountersignError(
      'INVALID_REQUEST',
      'Give the project folder first: countersign init DIR --source … --signer …',
      `Usage: ${initUsage}`,
    );
  }
  const ci = values.ci
    ? {
        source: values.ci,
        keys: keys(values['ci-key']),
        ...(values['ci-suite'] ? { suite: values['ci-suite'] } : {}),
        ...(values['ci-component'] ? { component: values['ci-component'] } : {}),
        ...(values['ci-arch'] ? { architecture: values['ci-arch'] } : {}),
      }
    : undefined;
  const aptProd = values['apt-prod']
    ? {
        path: values['apt-prod'],
        ...(values['apt-prod-url'] ? { url: values['apt-prod-url'] } : {}),
        ...(values.origin ? { origin: values.origin } : {}),
        ...(values.label ? { label: values.label } : {}),
        ...(values['apt-prod-suite'] ? { suite: values['apt-prod-suite'] } : {}),
      }
    : undefined;
  const parsed = initProjectRequestSchema.safeParse({
    dir,
    source: values.source,
    signers: keys(values.signer, values['signer-gpg']),
    ...(values.name ? { name: values.name } : {}),
    ...(values.id ? { id: values.id } : {}),
    ...(values.suite ? { baseSuite: values.suite } : {}),
    ...(ci ? { ci } : {}),
    ...(aptProd ? { aptProd } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new CountersignError(
      'INVALID_REQUEST',
      where === 'signers'
        ? 'Name at least one trusted signer: --signer KEY_FILE or --signer-gpg FINGERPRINT.'
        : `${where || 'options'}: ${issue?.message ?? 'invalid'}.`,
      `Usage: ${initUsage}`,
    );
  }
  const { projectFile, config } = await initProject(parsed.data, terminalReporter());
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ projectFile, project: config }, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines = [
    `Project ${safeForTerminal(config.name)} set up in ${safeForTerminal(projectFile)}`,
    `  identity     ${config.id ?? ''}`,
    `  source       ${safeForTerminal(config.source.url ?? config.source.repo)}${config.source.url ? ` (mirrored in ${safeForTerminal(config.source.repo)}; countersign fetch re-fetches its tags)` : ''}`,
    ...config.trustedSigners.map(({ fingerprint }) => `  trusts       ${fingerprint}`),
    `  rebuild      ${config.rebuild ? `${config.rebuild.preset} preset on ${config.rebuild.base.kind === 'bootstrap' ? config.rebuild.base.suite : config.rebuild.base.image}` : 'no recipe yet: add "rebuild" to project.json'}`,
    `  CI           ${config.ci ? safeForTerminal(config.ci.source) : 'none yet'}`,
    `  apt-prod     ${config.aptProd ? `${safeForTerminal(config.aptProd.path)}${config.aptProd.url ? ` (served at ${safeForTerminal(config.aptProd.url)})` : ' (no public URL: attestations will name a file:// path)'}` : 'none yet'}`,
    `Next: countersign status --project ${safeForTerminal(projectFile)}`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
  return EXIT.ok;
}
