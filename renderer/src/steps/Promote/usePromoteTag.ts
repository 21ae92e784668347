import { useEffect } from 'react';
import { usePromotePlanStore, usePromoteRunStore } from './promoteStore';
import { useVerifiedTag } from '../../stores/useVerifiedTag';

/** The release this step is about: the one being published, else the one verified in step 1. */
export function usePromoteTag(): string | null {
  const verifiedTag = useVerifiedTag();
  const publishing = usePromoteRunStore((state) => state.running);
  const publishingTag = usePromoteRunStore((state) => state.tag);
  return publishing ? publishingTag : verifiedTag;
}

/**
 * Plans the promotion each time the step opens on a tag: the gate is checked
 * again, not remembered (a review may have changed since).
 */
export function usePlanOnOpen(tag: string | null): void {
  const openTag = usePromotePlanStore((state) => state.openTag);
  useEffect(() => {
    if (tag !== null && !usePromoteRunStore.getState().running) void openTag(tag);
  }, [tag, openTag]);
}
