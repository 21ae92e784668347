import type { TagVerdict } from '../../../../shared/tags';
import { DateTime } from '../../components/DateTime';
import { SignatureFacts } from './SignatureFacts';
import { TagFacts } from './TagFacts';
import { TagNotes } from './TagNotes';
import { TagProblemList } from './TagProblemList';
import { VerdictBanner } from './VerdictBanner';

/** A verdict in full: the answer first, then why, then every fact it rests on. */
export function TagVerdictView({ verdict }: { verdict: TagVerdict }) {
  return (
    <article className="verdict-view" aria-label={`Verdict for ${verdict.tagName}`}>
      <VerdictBanner verdict={verdict} />
      <TagProblemList problems={verdict.problems} />
      <div className="verdict-view__facts">
        <TagFacts verdict={verdict} />
        <SignatureFacts signature={verdict.signature} signer={verdict.signer} />
      </div>
      <TagNotes notes={verdict.notes} />
      <p className="verdict-view__checked">
        Checked <DateTime iso={verdict.checkedAt} />
      </p>
    </article>
  );
}
