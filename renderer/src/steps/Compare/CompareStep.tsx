import './compare.css';
import { CompareForm } from './CompareForm';
import { CompareResultPanel } from './CompareResultPanel';
import { CompareRunPanel } from './CompareRunPanel';
import { useCompareLoad } from './useCompareLoad';
import { useCompareTag } from './useCompareTag';

/** Step 3: are CI's artifacts byte for byte what the rebuild made? */
export function CompareStep() {
  const tag = useCompareTag();
  useCompareLoad(tag);
  return (
    <div className="compare-step">
      <CompareForm tag={tag} />
      <CompareRunPanel tag={tag} />
      <CompareResultPanel tag={tag} />
    </div>
  );
}
