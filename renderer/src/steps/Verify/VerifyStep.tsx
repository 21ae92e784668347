import './verify.css';
import { useEffect, useRef } from 'react';
import { useVerifyStore } from './verifyStore';
import { useVerifiedTag } from '../../stores/useVerifiedTag';
import { HistoryPanel } from './HistoryPanel';
import { VerificationResult } from './VerificationResult';
import { VerifyRunPanel } from './VerifyRunPanel';

/** The release this step is about: the one being verified, else the one verified in step 1. */
function useVerifyTag(): string | null {
  const verifiedTag = useVerifiedTag();
  const running = useVerifyStore((state) => state.verification.running);
  const runningTag = useVerifyStore((state) => state.verification.tag);
  return running && runningTag !== null ? runningTag : verifiedTag;
}

/**
 * Step 6: QA's verification of what apt-prod (or any apt repository, by URL
 * or folder) serves, link by link from a public key down to each package and,
 * with the release verified in step 1, its review; and that release's history
 * from its audit log, newest first (read again each time the step opens and
 * after each run with the review).
 */
export function VerifyStep() {
  const tag = useVerifyTag();
  const load = useVerifyStore((state) => state.releaseHistory.load);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (tag !== null) void load(tag);
  }, [tag, load]);

  return (
    <div className="qa-step">
      <VerifyRunPanel tag={tag} resultHeadingRef={resultHeading} />
      <VerificationResult tag={tag} headingRef={resultHeading} />
      {tag !== null ? <HistoryPanel tag={tag} /> : null}
    </div>
  );
}
