import { useReleaseStore } from '../../stores/releaseStore';
import { useRebuildStore } from '../../stores/rebuildStore';

/** The tag verified in step 1, if the tag chosen there is the one that verified. */
export function useVerifiedTag(): string | null {
  return useReleaseStore((state) =>
    state.verdict?.verdict === 'verified' && state.verdict.tagName === state.selectedTag.trim()
      ? state.verdict.tagName
      : null,
  );
}

/** Whether the Rebuild step may open: its tag is verified, or a rebuild is already running. */
export function useRebuildAvailable(): boolean {
  const verifiedTag = useVerifiedTag();
  const running = useRebuildStore((state) => state.running);
  return verifiedTag !== null || running;
}
