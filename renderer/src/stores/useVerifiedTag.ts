import { releaseTagOf } from './createReleaseStore';
import { useReleaseStore } from './releaseStore';

/**
 * The release steps 2 to 6 are about: the tag chosen in step 1 when it
 * verified (in this window, or as its review folder records), else the last
 * chosen tag that did, so trying a tag that is refused locks nothing.
 */
export function useVerifiedTag(): string | null {
  return useReleaseStore(releaseTagOf);
}
