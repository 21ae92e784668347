import type { TagVerdict, VerifyTagRequest } from '../../../../shared/tags';

/** The one sentence a screen reader hears when verification starts or ends. */
export function verdictAnnouncement(input: {
  verifying: boolean;
  verdict: TagVerdict | null;
  request: VerifyTagRequest | null;
  failed: boolean;
}): string {
  const tag = input.request?.tag ?? 'the tag';
  if (input.verifying) return `Verifying ${tag}…`;
  if (input.failed) return `Could not verify ${tag}.`;
  if (!input.verdict) return '';
  if (input.verdict.verdict === 'verified') return `${input.verdict.tagName}: verified.`;
  const count = input.verdict.problems.length;
  return `${input.verdict.tagName}: refused, ${count} ${count === 1 ? 'problem' : 'problems'}.`;
}
