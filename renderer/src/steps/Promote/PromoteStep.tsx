import './promote.css';
import { useRef } from 'react';
import { PlanPanel } from './PlanPanel';
import { PromotionResultPanel } from './PromotionResultPanel';
import { PublicationRoute } from './PublicationRoute';
import { PublishPanel } from './PublishPanel';
import { ReleaseKeyPanel } from './ReleaseKeyPanel';
import { usePlanOnOpen, usePromoteTag } from './usePromoteTag';

/**
 * Step 5: sign and promote. Where the release goes, the key that signs it,
 * the plan (checked again each time the step opens), the passphrase prompt,
 * and what the publication did, with the way back.
 */
export function PromoteStep() {
  const tag = usePromoteTag();
  usePlanOnOpen(tag);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  if (tag === null) {
    return (
      <div className="verdict-placeholder" data-testid="promote-empty">
        Nothing to promote: verify the tag first.
      </div>
    );
  }
  return (
    <div className="promote-step">
      <PublicationRoute tag={tag} />
      <ReleaseKeyPanel tag={tag} />
      <PlanPanel tag={tag} />
      <PublishPanel tag={tag} resultHeadingRef={resultHeading} />
      <PromotionResultPanel tag={tag} headingRef={resultHeading} />
    </div>
  );
}
