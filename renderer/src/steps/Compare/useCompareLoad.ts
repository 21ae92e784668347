import { useEffect } from 'react';
import { useCompareStore } from './compareStore';

/** Reads the release's saved comparison once per tag, when the step opens on it. */
export function useCompareLoad(tag: string | null): void {
  const loadedTag = useCompareStore((state) => state.tag);
  const loadLast = useCompareStore((state) => state.loadLast);
  useEffect(() => {
    if (tag !== null && loadedTag !== tag) void loadLast(tag);
  }, [tag, loadedTag, loadLast]);
}
