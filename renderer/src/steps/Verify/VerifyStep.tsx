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
  return running ? runningTag : verifiedTag;
}

/**
 * Step 6: QA's verification of what apt-prod serves, link by link from the
 * release key down to each package's review, and the release's history from
 * its audit log (read again each time the step opens and after each run).
 */
export function VerifyStep() {
  const tag = useVerifyTag();
  const load = useVerifyStore((state) => state.releaseHistory.load);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (tag !== null) void load(tag);
  }, [tag, load]);

  if (tag === null) {
    return (
      <div className="verdict-placeholder" data-testid="verify-repo-empty">
        Nothing to verify: verify the tag first.
      </div>
    );
  }
  return (
    <div className="qa-step">
      <VerifyRunPanel tag={tag} resultHeadingRef={resultHeading} />
      <VerificationResult tag={tag} headingRef={resultHeading} />
      <HistoryPanel tag={tag} />
    </div>
  );
}
