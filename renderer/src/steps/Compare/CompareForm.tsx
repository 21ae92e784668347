import type { FormEvent, ReactNode } from 'react';
import { useCompareStore } from './compareStore';
import { useReleaseStore } from '../../stores/releaseStore';
import { CiSourceFacts } from './CiSourceFacts';

/**
 * The two sides being compared, and the button that compares them. The local
 * side is the Rebuild step's to show, so it comes in as `localSource`.
 */
export function CompareForm({ tag, localSource }: { tag: string | null; localSource: ReactNode }) {
  const ci = useReleaseStore((state) => state.project?.ci ?? null);
  const running = useCompareStore((state) => state.running);
  const runCompare = useCompareStore((state) => state.runCompare);
  const blocked = running || tag === null || ci === null;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!blocked) void runCompare(tag);
  };

  return (
    <form className="panel compare-form" aria-labelledby="compare-heading" onSubmit={onSubmit}>
      <div className="panel__header">
        <h2 className="panel__title" id="compare-heading">
          Compare CI’s artifacts with the rebuild
        </h2>
      </div>
      <p className="panel__intro">
        Countersign matches each artifact across the two sides (a Debian package by its name,
        version and architecture) and compares their SHA-256 hashes. Only identical bytes count as
        identical.
      </p>
      <div className="compare-form__sides">
        <CiSourceFacts ci={ci} />
        {localSource}
      </div>
      <div className="compare-form__actions">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={blocked ? true : undefined}
          data-testid="compare-button"
        >
          {running ? 'Comparing…' : 'Compare'}
        </button>
      </div>
    </form>
  );
}
