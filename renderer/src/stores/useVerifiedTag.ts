import { useReleaseStore } from './releaseStore';

/** The tag verified in step 1, if the tag chosen there is the one that verified. */
export function useVerifiedTag(): string | null {
  return useReleaseStore((state) =>
    state.verdict?.verdict === 'verified' && state.verdict.tagName === state.selectedTag.trim()
      ? state.verdict.tagName
      : null,
  );
}
