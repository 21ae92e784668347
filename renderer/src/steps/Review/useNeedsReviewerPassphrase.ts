import { useReviewStore } from './reviewStore';

/**
 * Whether deciding asks for the reviewer key's passphrase: when this machine
 * has a reviewer key (the engine then signs every decision), or the project
 * has a review policy (the summary then carries approvals), which refuses
 * unsigned decisions.
 */
export function useNeedsReviewerPassphrase(): boolean {
  const hasKey = useReviewStore((state) => state.reviewerKey !== null);
  const hasPolicy = useReviewStore(
    (state) => state.summary?.artifacts.some((artifact) => artifact.approvals) ?? false,
  );
  return hasKey || hasPolicy;
}
