import { CountersignError } from '../../../shared/errors';
import type { PackageCheck, RepositoryVerification } from '../../../shared/verify';
import { readKeyringFile, verifyAndRecord } from '../../core/verify/index';
import { EXIT } from '../exitCodes';
import { parseOptions, requireOption } from '../parseOptions';
import { interruptSignal, terminalReporter } from '../terminalReporter';
import { safeForTerminal } from '../terminalText';

export const verifyRepoUsage =
  'countersign verify-repo --repo PATH_OR_URL --keyring FILE [--suite NAME] [--review DIR] [--json]\n' +
  '  Checks a published apt repository link by link: InRelease and Release.gpg against the keyring,\n' +
  '  every index against Release, every package against its index, and with --review every package\n' +
  "  against the review's approved comparison, its promotion record and its verified tag, and the\n" +
  '  signed attestations the promotion published in attestations/<tag>/ against what apt-prod serves.';

function packageLine(pkg: PackageCheck): string[] {
  const what = safeForTerminal(`${pkg.package} ${pkg.version} ${pkg.architecture}`);
  if (pkg.status === 'verified') return [`✔ verified  ${what}`];
  return [
    `✘ FAILED    ${what}: broken link: ${pkg.brokenLink ?? 'unknown'}`,
    `    ${safeForTerminal(pkg.filename)}`,
    `    ${safeForTerminal(pkg.problem ?? '')}`,
  ];
}

/** The verification as a release manager reads it: each package, and why it fails. */
export function verificationText(result: RepositoryVerification): string {
  const lines = [`repository: ${safeForTerminal(result.root)}`];
  if (result.reviewDir) lines.push(`review:     ${safeForTerminal(result.reviewDir)}`);
  for (const suite of result.suites) {
    lines.push('', `suite ${safeForTerminal(suite.suite)}: ${suite.status}`);
    for (const check of suite.signatures) {
      const by = check.signedBy.length > 0 ? ` by ${check.signedBy.join(', ')}` : '';
      lines.push(
        `  ${check.status === 'verified' ? '✔' : '✘'} ${check.file}: ${check.status}${by}${check.problem ? ` (${safeForTerminal(check.problem)})` : ''}`,
      );
    }
    for (const problem of suite.releaseProblems)
      lines.push(`  ✘ Release: ${safeForTerminal(problem)}`);
    const bad = suite.indexes.filter((index) => index.status !== 'verified');
    lines.push(
      `  ${bad.length === 0 ? '✔' : '✘'} ${suite.indexes.length - bad.length} of ${suite.indexes.length} listed file(s) match Release`,
    );
    for (const index of bad) {
      lines.push(
        `    ${index.status} ${safeForTerminal(index.path)}: ${safeForTerminal(index.problem ?? '')}`,
      );
    }
    for (const pkg of suite.packages) lines.push(...packageLine(pkg).map((line) => `  ${line}`));
  }
  if (result.attestations) {
    const { attestations } = result;
    lines.push('', `attestations ${safeForTerminal(attestations.folder)}: ${attestations.status}`);
    for (const file of attestations.files) {
      lines.push(
        file.status === 'verified'
          ? `  ✔ ${safeForTerminal(file.file)}: attests ${file.subjects.map((subject) => safeForTerminal(subject.name)).join(', ')}`
          : `  ✘ ${safeForTerminal(file.file)}: ${file.status} (${safeForTerminal(file.problem ?? '')})`,
      );
    }
    for (const problem of attestations.problems) lines.push(`  ✘ ${safeForTerminal(problem)}`);
  }
  if (result.rebuilds) {
    const { rebuilds } = result;
    lines.push(
      '',
      `rebuild links for apt-transport-in-toto (${rebuilds.threshold} of the layout's rebuilders, layout expires ${rebuilds.expires ?? '?'}): ${rebuilds.status}`,
    );
    for (const problem of rebuilds.layoutProblems) lines.push(`  ✘ ${safeForTerminal(problem)}`);
    for (const pkg of rebuilds.packages) {
      const name = safeForTerminal(`${pkg.package} ${pkg.version} ${pkg.architecture}`);
      lines.push(
        pkg.status === 'verified'
          ? `  ✔ ${name}: vouched for by ${pkg.vouchedBy.join(', ')}`
          : `  ✘ ${name}: apt would refuse it: ${safeForTerminal(pkg.problem ?? '')}`,
      );
    }
  }
  if (result.extraFiles === null) {
    lines.push('', 'extra files: not checked (only a folder whose every suite is checked can be)');
  } else if (result.extraFiles.length > 0) {
    lines.push('', `✘ ${result.extraFiles.length} file(s) no index or Release references:`);
    for (const file of result.extraFiles) lines.push(`    ${safeForTerminal(file)}`);
  }
  for (const item of result.unexpected) {
    lines.push(`✘ ${safeForTerminal(item.what)}: ${safeForTerminal(item.problem)}`);
  }
  const packages = result.suites.flatMap((suite) => suite.packages);
  const failed = packages.filter((pkg) => pkg.status !== 'verified').length;
  lines.push(
    '',
    `${result.status === 'verified' ? '✔ VERIFIED' : '✘ FAILED'}: ${packages.length - failed} of ${packages.length} package(s) verified`,
  );
  return `${lines.join('\n')}\n`;
}

/** `countersign verify-repo`: exit 0 everything verified, 1 anything fails, 2 bad input. */
export async function verifyRepoCommand(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    {
      repo: { type: 'string' },
      keyring: { type: 'string', multiple: true },
      suite: { type: 'string' },
      review: { type: 'string' },
      json: { type: 'boolean' },
    },
    verifyRepoUsage,
  );
  const root = requireOption(values.repo, 'repo', verifyRepoUsage);
  if (!values.keyring || values.keyring.length === 0) {
    throw new CountersignError(
      'INVALID_REQUEST',
      '--keyring is required: the release key the repository must be signed by.',
      `Usage: ${verifyRepoUsage}`,
    );
  }
  const keys = (await Promise.all(values.keyring.map(readKeyringFile))).flat();
  const interrupt = interruptSignal();
  try {
    // With --review, recorded in its audit log as the UI's run is.
    const result = await verifyAndRecord({
      root,
      keys,
      ...(values.suite !== undefined ? { suite: values.suite } : {}),
      ...(values.review !== undefined ? { reviewDir: values.review } : {}),
      signal: interrupt.signal,
      report: terminalReporter(interrupt.signal),
    });
    process.stdout.write(
      values.json ? `${JSON.stringify(result, null, 2)}\n` : verificationText(result),
    );
    return result.status === 'verified' ? EXIT.ok : EXIT.refused;
  } finally {
    interrupt.release();
  }
}
