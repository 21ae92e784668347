import './promote.css';
import { useRef } from 'react';
import { PlanPanel } from './PlanPanel';
import { PromotionResultPanel } from './PromotionResultPanel';
import { PublicationRoute } from './PublicationRoute';
import { PublishPanel } from './PublishPanel';
import { ReleaseKeyPanel } from './ReleaseKeyPanel';
import { usePromoteStore } from './promoteStore';
import { usePlanOnOpen, usePromoteTag } from './usePromoteTag';

/**
 * Step 5: sign and promote. Where the release goes, the key that signs it,
 * the plan (checked again each time the step opens), the passphrase prompt,
 * and what the publication did, with the way back. Once this window has
 * published the release, what the publication did comes first: the plan
 * under it then only says there is nothing left to publish.
 */
export function PromoteStep() {
  const tag = usePromoteTag();
  usePlanOnOpen(tag);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const published = usePromoteStore(
    (state) => tag !== null && state.publication.result?.plan.tag === tag,
  );

  if (tag === null) {
    return (
      <div className="verdict-placeholder" data-testid="promote-empty">
        Nothing to promote: verify the tag first.
      </div>
    );
  }
  return (
    <div className="promote-step">
      {published ? <PromotionResultPanel tag={tag} headingRef={resultHeading} /> : null}
      <PublicationRoute tag={tag} />
      <ReleaseKeyPanel tag={tag} />
      <PlanPanel tag={tag} />
      <PublishPanel tag={tag} resultHeadingRef={resultHeading} />
    </div>
  );
}
