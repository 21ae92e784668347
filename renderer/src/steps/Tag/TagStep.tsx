import { useReleaseStore } from '../../stores/releaseStore';
import { FetchTags } from './FetchTags';
import { TagVerdictPanel } from './TagVerdictPanel';
import { TrustedSignersPanel } from './TrustedSignersPanel';
import { VerifyTagForm } from './VerifyTagForm';

/** Step 1: is this release tag what a trusted maintainer signed? */
export function TagStep() {
  // Only a source mirrored from a URL has tags to fetch; a local one's are read as they are.
  const mirrored = useReleaseStore((state) => Boolean(state.project?.sourceUrl));
  return (
    <div className="tag-step">
      <div className="tag-step__main">
        <VerifyTagForm />
        {mirrored ? <FetchTags /> : null}
        <TagVerdictPanel />
      </div>
      <TrustedSignersPanel />
    </div>
  );
}
