import { PastRebuildsPanel } from './PastRebuildsPanel';
import { RebuildForm } from './RebuildForm';
import { RebuildRunPanel } from './RebuildRunPanel';

/** Step 2: rebuild the verified tag from its source, in a pinned environment. */
export function RebuildStep() {
  return (
    <div className="rebuild-step">
      <div className="rebuild-step__main">
        <RebuildForm />
        <RebuildRunPanel />
      </div>
      <PastRebuildsPanel />
    </div>
  );
}
