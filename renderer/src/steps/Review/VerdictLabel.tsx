import type { ArtifactVerdict } from '../../../../shared/review';
import { VERDICT_ICON, VERDICT_LABEL } from './reviewText';

/** An artifact's verdict as an icon and its word; colour only repeats what the text says. */
export function VerdictLabel({ verdict, testId }: { verdict: ArtifactVerdict; testId?: string }) {
  return (
    <span
      className={`status-label review-verdict review-verdict--${verdict}`}
      data-testid={testId}
      data-verdict={verdict}
    >
      <span className="status-label__icon" aria-hidden="true">
        {VERDICT_ICON[verdict]}
      </span>
      {VERDICT_LABEL[verdict]}
    </span>
  );
}
