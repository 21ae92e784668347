import './compare.css';
import type { ReactNode } from 'react';
import { CompareForm } from './CompareForm';
import { CompareResultPanel } from './CompareResultPanel';
import { CompareRunPanel } from './CompareRunPanel';
import { useCompareLoad } from './useCompareLoad';
import { useCompareTag } from './useCompareTag';

/**
 * Step 3: are CI's artifacts byte for byte what the rebuild made? The rebuild
 * side is drawn by the Rebuild step (steps never import each other), so the
 * shell hands it in as `renderLocalSource`.
 */
export function CompareStep({
  renderLocalSource,
}: {
  renderLocalSource: (tag: string | null) => ReactNode;
}) {
  const tag = useCompareTag();
  useCompareLoad(tag);
  return (
    <div className="compare-step">
      <CompareForm tag={tag} localSource={renderLocalSource(tag)} />
      <CompareRunPanel tag={tag} />
      <CompareResultPanel tag={tag} />
    </div>
  );
}
