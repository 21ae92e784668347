import { CountersignError } from '../../../shared/errors';
import type { ImportDecisionsResult } from '../../../shared/reviewBundle';
import type { SignedDecision } from '../../../shared/reviewers';
import { readAuditEntries } from '../audit/auditLog';
import type { LoadedProject } from '../lib/project/projectStore';
import { appendSignedDecisions } from '../lib/reviewFolder/decisions';
import { readSavedComparison } from '../lib/reviewFolder/compareStore';
import { readSavedReport, reportFolder, type SavedReport } from '../lib/reviewFolder/reportStore';
import { verifySignedDecision } from '../lib/reviewers/index';
import { checkDecisionsSignature, parseDecisionsFile } from './decisionsFile';

const RESEND =
  'Ask the reviewer to open the current bundle (countersign review export, then review open), decide again and send the new decisions file.';

const otherReport = (message: string) =>
  new CountersignError('DECISIONS_OTHER_REPORT', message, RESEND);

const invalid = (message: string) =>
  new CountersignError(
    'DECISIONS_SIGNATURE_INVALID',
    message,
    'The file changed after the reviewer signed it: ask them to send it again, over a channel you trust.',
  );

const revoked = (name: string, why: string) =>
  new CountersignError(
    'DECISIONS_REVOKED_REVIEWER',
    `These decisions are signed by ${name}, ${why}: they no longer count.`,
    'Nothing was recorded. If the reviewer has a new key, pin it in the review policy and have them decide again.',
  );

/**
 * Imports a reviewer's signed decisions file into a release's audit log:
 * only when the file's signature is a pinned, unrevoked reviewer's, it was
 * made for this project and tag, for these artifacts' SHA-256s and the same
 * report hashes the release holds, and every decision in it verifies and is
 * that same reviewer's, over a difference the report has. Anything else
 * appends nothing and is refused with its own code. Decisions already in
 * the log (the same signature) are not appended again.
 */
export async function importDecisions(
  reviewDir: string,
  project: LoadedProject,
  tag: string,
  text: string,
): Promise<ImportDecisionsResult> {
  const file = parseDecisionsFile(text);
  const body = file.signed;
  const policy = project.reviewPolicy;
  const reviewer = policy?.reviewers.find((one) => one.fingerprint === body.reviewer);
  if (!policy || !reviewer) {
    throw new CountersignError(
      'DECISIONS_UNKNOWN_REVIEWER',
      `These decisions are signed by ${body.reviewer}, a key ${project.config.name}'s review policy does not pin.`,
      policy
        ? 'Nothing was recorded. If this person reviews for the project, pin their key in project.json\u2019s reviewPolicy first.'
        : 'Nothing was recorded. Add a reviewPolicy naming your reviewers to project.json first.',
    );
  }
  const signature = await checkDecisionsSignature(file, reviewer);
  if (signature === 'invalid') {
    throw invalid(`The decisions file's signature is not ${reviewer.name}'s over what it says.`);
  }
  if (signature === 'revoked') throw revoked(reviewer.name, 'whose key is revoked');
  if (reviewer.revoked) throw revoked(reviewer.name, 'whom the review policy revoked');
  if (body.project !== project.id || body.tag !== tag) {
    throw otherReport(
      `These decisions were made for ${JSON.stringify(body.project)} ${JSON.stringify(body.tag)}, not ${project.id} ${tag}.`,
    );
  }
  const comparison = await readSavedComparison(reviewDir);
  const reports = new Map<string, { name: string; saved: SavedReport }>();
  for (const decided of body.reports) {
    const row = comparison?.artifacts.find((one) => one.key === decided.key);
    const saved = row ? await readSavedReport(reportFolder(reviewDir, row.key)) : null;
    if (
      !row ||
      !saved ||
      (row.ci?.sha256 ?? null) !== decided.ciSha256 ||
      (row.local?.sha256 ?? null) !== decided.localSha256 ||
      saved.reportSha256 !== decided.reportSha256
    ) {
      throw otherReport(
        `These decisions were made on ${row?.name ?? JSON.stringify(decided.key.slice(0, 200))} as it was then (other bytes or another diffoscope report than ${tag} holds now).`,
      );
    }
    reports.set(decided.key, { name: row.name, saved });
  }
  const accepted: { name: string; signed: SignedDecision }[] = [];
  for (const signed of body.decisions) {
    const statement = signed.statement;
    if (signed.reviewer !== body.reviewer) {
      throw invalid(
        `The file signed by ${reviewer.name} carries a decision by ${signed.reviewer}.`,
      );
    }
    const check = await verifySignedDecision(signed, policy.reviewers);
    if (check.status === 'revoked') throw revoked(reviewer.name, check.problem ?? 'revoked');
    if (check.status !== 'valid') {
      throw invalid(`A decision in the file does not verify: ${check.problem ?? check.status}.`);
    }
    const decided = body.reports.find((one) => one.key === statement.artifact.key);
    const report = reports.get(statement.artifact.key);
    if (
      !decided ||
      !report ||
      statement.project !== project.id ||
      statement.tag !== tag ||
      statement.artifact.ciSha256 !== decided.ciSha256 ||
      statement.artifact.localSha256 !== decided.localSha256 ||
      statement.reportSha256 !== decided.reportSha256 ||
      !report.saved.nodes.some((node) => node.id === statement.differenceId)
    ) {
      throw otherReport(
        `A decision in the file is about ${JSON.stringify(statement.artifact.name)} as another release or report has it, not ${tag}'s.`,
      );
    }
    accepted.push({ name: report.name, signed });
  }
  const recorded = new Set<string>();
  for (const entry of await readAuditEntries(reviewDir)) {
    const signed = entry.data.signed as { signature?: unknown } | undefined;
    if (entry.kind === 'decision' && typeof signed?.signature === 'string') {
      recorded.add(signed.signature);
    }
  }
  const fresh = accepted.filter((one) => {
    if (recorded.has(one.signed.signature)) return false;
    recorded.add(one.signed.signature);
    return true;
  });
  await appendSignedDecisions(
    reviewDir,
    { fingerprint: reviewer.fingerprint, name: reviewer.name, publicKey: reviewer.key.armor() },
    fresh,
  );
  return {
    reviewer: { name: reviewer.name, fingerprint: reviewer.fingerprint },
    appended: fresh.length,
    alreadyRecorded: accepted.length - fresh.length,
  };
}
