import { CI_ONLY_PHRASE, comparisonCounts } from '../../../shared/artifactCounts';
import type { ArtifactComparison, CompareResult } from '../../../shared/compare';
import { packageNameSchema, versionMismatchSentence } from '../../../shared/compare';
import { CountersignError } from '../../../shared/errors';
import { tagNameSchema } from '../../../shared/tags';
import {
  compareArtifacts,
  compareProjectTag,
  downloadsFolder,
  readKeyringFile,
  type RecordedComparison,
} from '../../core/compare/index';
import { EXIT } from '../exitCodes';
import { parseOptions } from '../parseOptions';
import { interruptSignal, terminalReporter } from '../terminalReporter';
import { safeForTerminal } from '../terminalText';

export const compareUsage =
  'countersign compare --ci SOURCE --local SOURCE [--apt-key FILE] [--suite NAME] [--component NAME] [--arch NAME] [--packages NAME[,NAME…]] [--project FILE --tag NAME] [--json]\n' +
  '  SOURCE: a folder, an archive (.zip, .tar, .tar.gz, .tar.xz), or apt:PATH-OR-URL of a repository root.\n' +
  "  With --project and --tag, --ci defaults to the project's CI source, --local to the release's rebuild,\n" +
  '  and the result is saved in the review folder and its audit log.';

const SYMBOL: Record<ArtifactComparison['status'], string> = {
  identical: '=',
  differs: '≠',
  'only-ci': '+',
  'only-local': '-',
};
const LABEL: Record<ArtifactComparison['status'], string> = {
  identical: 'identical',
  differs: 'DIFFERS',
  'only-ci': 'only in CI',
  'only-local': 'only local',
};

function printResult(result: CompareResult, savedTo: string | null): void {
  const lines = [
    `CI:    ${safeForTerminal(result.ci.location)} (${result.ci.kind}${result.ci.repository ? `, ${result.ci.repository.suite}, signed by ${result.ci.repository.signedBy.join(', ')}` : ''})`,
    `local: ${safeForTerminal(result.local.location)} (${result.local.kind})`,
    '',
  ];
  for (const row of result.artifacts) {
    const deb = (row.ci ?? row.local)?.deb;
    const what = deb ? ` (${deb.package} ${deb.version} ${deb.architecture})` : '';
    lines.push(
      `${SYMBOL[row.status]} ${LABEL[row.status].padEnd(11)} ${safeForTerminal(row.name)}${safeForTerminal(what)}`,
    );
    if (row.status !== 'identical') {
      if (row.ci) lines.push(`    CI    ${row.ci.sha256}  ${row.ci.size} bytes`);
      if (row.local) lines.push(`    local ${row.local.sha256}  ${row.local.size} bytes`);
    }
  }
  for (const skipped of [...result.ci.skipped, ...result.local.skipped]) {
    lines.push(`  skipped ${safeForTerminal(skipped.path)}: ${safeForTerminal(skipped.reason)}`);
  }
  const { identical, differs, onlyCi, onlyLocal } = comparisonCounts(result);
  lines.push(
    '',
    `${result.identical ? '✔' : '✘'} ${identical} identical, ${differs} differ, ${onlyCi} only in CI, ${onlyLocal} only local`,
  );
  if (result.versionMismatch) {
    lines.push(`✘ ${safeForTerminal(versionMismatchSentence(result.versionMismatch))}`);
  }
  const ciOnly = result.artifacts.filter((row) => row.status === 'only-ci');
  if (ciOnly.length > 0) {
    lines.push(
      `⚠ WARNING: ${ciOnly.length} ${ciOnly.length === 1 ? 'package' : 'packages'} ${CI_ONLY_PHRASE}; nothing vouches for ${ciOnly.length === 1 ? 'it' : 'them'}, and ${ciOnly.length === 1 ? 'it is' : 'they are'} never promoted:`,
      ...ciOnly.map((row) => `    ${safeForTerminal(row.name)}`),
    );
  }
  if (savedTo) lines.push(`  saved to ${safeForTerminal(savedTo)} (and the review's audit log)`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function packagesFrom(values: string[] | undefined): string[] {
  const names = (values ?? []).flatMap((value) => value.split(',')).map((name) => name.trim());
  for (const name of names) {
    if (!packageNameSchema.safeParse(name).success) {
      throw new CountersignError(
        'INVALID_REQUEST',
        `--packages: ${JSON.stringify(name)} is not a Debian package name.`,
        `Usage: ${compareUsage}`,
      );
    }
  }
  return names.filter((name) => name !== '');
}

/** `countersign compare`: step 3. Exit 0 all identical, 1 anything differs or is missing, 2 bad input. */
export async function compareCommand(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    {
      ci: { type: 'string' },
      local: { type: 'string' },
      'apt-key': { type: 'string', multiple: true },
      suite: { type: 'string' },
      component: { type: 'string' },
      arch: { type: 'string' },
      packages: { type: 'string', multiple: true },
      project: { type: 'string' },
      tag: { type: 'string' },
      json: { type: 'boolean' },
    },
    compareUsage,
  );
  if (values.project || values.tag) {
    const tag = tagNameSchema.safeParse(values.tag);
    if (!values.project || !tag.success) {
      throw new CountersignError(
        'INVALID_REQUEST',
        '--project and --tag go together (a review belongs to one release of one project).',
        `Usage: ${compareUsage}`,
      );
    }
  } else if (!values.ci || !values.local) {
    throw new CountersignError(
      'INVALID_REQUEST',
      `${values.ci ? '--local' : '--ci'} is required (or --project and --tag).`,
      `Usage: ${compareUsage}`,
    );
  }
  const packages = packagesFrom(values.packages);
  const extraKeys = (await Promise.all((values['apt-key'] ?? []).map(readKeyringFile))).flat();
  const selection = {
    ...(values.suite ? { suite: values.suite } : {}),
    ...(values.component ? { component: values.component } : {}),
    ...(values.arch ? { architecture: values.arch } : {}),
  };
  const interrupt = interruptSignal();
  try {
    const report = terminalReporter(interrupt.signal);
    // With a project, the same front door as the UI's: a release not rebuilt yet is NO_REBUILD.
    const { result, savedTo }: RecordedComparison | { result: CompareResult; savedTo: null } =
      values.project && values.tag
        ? await compareProjectTag(
            values.project,
            values.tag,
            {
              ...(values.ci ? { ci: values.ci } : {}),
              ...(values.local ? { local: values.local } : {}),
              extraKeys,
              ...selection,
              packages,
            },
            report,
          )
        : {
            result: await compareArtifacts(values.ci ?? '', values.local ?? '', {
              apt: { trustedKeys: extraKeys, ...selection },
              packages,
              downloadDir: downloadsFolder(),
              report,
            }),
            savedTo: null,
          };
    if (values.json) process.stdout.write(`${JSON.stringify({ ...result, savedTo }, null, 2)}\n`);
    else printResult(result, savedTo);
    return result.identical ? EXIT.ok : EXIT.refused;
  } finally {
    interrupt.release();
  }
}
