import { useCompareStore } from './compareStore';
import { CompareResultView } from './CompareResultView';
import { RebuilderLinksPanel } from './RebuilderLinksPanel';

/** The comparison of this release if there is one, else what is happening instead. */
export function CompareResultPanel({ tag }: { tag: string | null }) {
  const result = useCompareStore((state) => (state.tag === tag ? state.result : null));
  const loading = useCompareStore((state) => state.loading);
  const running = useCompareStore((state) => state.running);
  const loadError = useCompareStore((state) => state.loadError);

  if (result && tag !== null) {
    return (
      <>
        <CompareResultView result={result} tag={tag} />
        <RebuilderLinksPanel tag={tag} result={result} />
      </>
    );
  }
  if (running || loadError) return null;
  return (
    <div
      className={`verdict-placeholder${loading ? ' verdict-placeholder--busy' : ''}`}
      data-testid="compare-placeholder"
    >
      {loading ? (
        'Reading the last comparison…'
      ) : (
        <>
          No comparison of this release yet. Press <strong>Compare</strong> to run one.
        </>
      )}
    </div>
  );
}
