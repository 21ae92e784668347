import { useEffect } from 'react';
import { usePromoteStore } from './promoteStore';
import { useVerifiedTag } from '../../stores/useVerifiedTag';

/** The release this step is about: the one being published, else the one verified in step 1. */
export function usePromoteTag(): string | null {
  const verifiedTag = useVerifiedTag();
  const publishing = usePromoteStore((state) => state.publication.running);
  const publishingTag = usePromoteStore((state) => state.publication.tag);
  return publishing ? publishingTag : verifiedTag;
}

/**
 * Plans the promotion each time the step opens on a tag: the gate is checked
 * again, not remembered (a review may have changed since).
 */
export function usePlanOnOpen(tag: string | null): void {
  const openTag = usePromoteStore((state) => state.planning.openTag);
  useEffect(() => {
    if (tag !== null && !usePromoteStore.getState().publication.running) void openTag(tag);
  }, [tag, openTag]);
}
