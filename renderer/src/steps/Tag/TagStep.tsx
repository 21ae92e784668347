import { FetchTags } from './FetchTags';
import { TagVerdictPanel } from './TagVerdictPanel';
import { TrustedSignersPanel } from './TrustedSignersPanel';
import { VerifyTagForm } from './VerifyTagForm';

/** Step 1: is this release tag what a trusted maintainer signed? */
export function TagStep() {
  return (
    <div className="tag-step">
      <div className="tag-step__main">
        <VerifyTagForm />
        <FetchTags />
        <TagVerdictPanel />
      </div>
      <TrustedSignersPanel />
    </div>
  );
}
