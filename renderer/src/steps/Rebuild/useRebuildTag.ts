import { useRebuildStore } from './rebuildStore';
import { useVerifiedTag } from '../../stores/useVerifiedTag';

/** The tag this step is about: the one being rebuilt, else the one verified in step 1. */
export function useRebuildTag(): string | null {
  const verifiedTag = useVerifiedTag();
  const running = useRebuildStore((state) => state.running);
  const runningTag = useRebuildStore((state) => state.tag);
  return running ? runningTag : verifiedTag;
}
