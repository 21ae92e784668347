import { CountersignError } from '../../../shared/errors';
import { verifyTagRequestSchema, type TagVerdict } from '../../../shared/tags';
import { loadProject } from '../../core/project/index';
import { readKeyringFile, recordProjectVerification, verifyTag } from '../../core/tag/index';
import { EXIT } from '../exitCodes';
import { parseOptions } from '../parseOptions';
import { groupFingerprint, safeForTerminal } from '../terminalText';

export const verifyTagUsage =
  'countersign verify-tag (--repo DIR --keyring FILE | --project FILE) --tag NAME [--expect-commit SHA] [--allow-sha1] [--json]';

function printVerdict(verdict: TagVerdict): void {
  const ok = verdict.verdict === 'verified';
  const out: string[] = [
    `${ok ? '✔' : '✘'} ${safeForTerminal(verdict.tagName)}: ${ok ? 'verified' : 'REFUSED'}`,
  ];
  const row = (label: string, value: string | null | undefined) => {
    if (value) out.push(`  ${label.padEnd(13)}${safeForTerminal(value)}`);
  };
  row('tag object', verdict.tagObject);
  row('tags', `${verdict.taggedObject.type} ${verdict.taggedObject.sha}`);
  row('commit', verdict.commit);
  if (verdict.tagHeaderName !== null && verdict.tagHeaderName !== verdict.tagName) {
    row('named inside', verdict.tagHeaderName);
  }
  if (verdict.tagger)
    row('tagger', `${verdict.tagger.name} <${verdict.tagger.email}>, ${verdict.tagger.date}`);
  if (verdict.signer) {
    row('signed by', verdict.signer.userId);
    row('signing key', groupFingerprint(verdict.signer.signingKeyFingerprint));
    row('primary key', groupFingerprint(verdict.signer.primaryKeyFingerprint));
  } else if (verdict.signature.issuerKeyId) {
    row('issuer', verdict.signature.issuerKeyId);
  }
  row('signed at', verdict.signature.createdAt);
  row('hash', verdict.signature.hashAlgorithm);
  if (verdict.message.trim()) {
    out.push('  message:');
    for (const line of verdict.message.trimEnd().split('\n'))
      out.push(`    ${safeForTerminal(line)}`);
  }
  for (const problem of verdict.problems)
    out.push(`  ✘ ${problem.code}: ${safeForTerminal(problem.message)}`);
  for (const note of verdict.notes) out.push(`  note: ${safeForTerminal(note)}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

/** `countersign verify-tag`: step 1 from the command line. Exit 0 verified, 1 refused. */
export async function verifyTagCommand(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    {
      repo: { type: 'string' },
      tag: { type: 'string' },
      keyring: { type: 'string' },
      project: { type: 'string' },
      'expect-commit': { type: 'string' },
      'allow-sha1': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    verifyTagUsage,
  );
  const request = verifyTagRequestSchema.safeParse({
    tag: values.tag,
    ...(values['expect-commit'] ? { expectCommit: values['expect-commit'] } : {}),
  });
  if (!request.success) {
    const issue = request.error.issues[0];
    throw new CountersignError(
      'INVALID_REQUEST',
      `--${issue?.path[0] === 'expectCommit' ? 'expect-commit' : 'tag'} is missing or invalid: ${issue?.message ?? ''}.`,
      `Usage: ${verifyTagUsage}`,
    );
  }
  if (!values.project && (!values.repo || !values.keyring)) {
    throw new CountersignError(
      'INVALID_REQUEST',
      'Give --repo and --keyring, or --project.',
      `Usage: ${verifyTagUsage}`,
    );
  }
  const project = values.project ? await loadProject(values.project) : null;
  const fromProject = project ? { repo: project.repoPath, trustedKeys: project.trustedKeys } : null;
  const repo = values.repo ?? fromProject?.repo ?? '';
  const trustedKeys = values.keyring
    ? await readKeyringFile(values.keyring)
    : (fromProject?.trustedKeys ?? []);
  const verdict = await verifyTag({
    repo,
    tag: request.data.tag,
    trustedKeys,
    expectCommit: request.data.expectCommit,
    allowSha1: values['allow-sha1'] ?? false,
  });
  // Against the project's own repository and trust list, the release's history records it.
  if (project && !values.repo && !values.keyring) await recordProjectVerification(project, verdict);
  if (values.json) process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
  else printVerdict(verdict);
  return verdict.verdict === 'verified' ? EXIT.ok : EXIT.refused;
}
