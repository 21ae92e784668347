import { useEffect } from 'react';
import { DateTime } from '../../components/DateTime';
import { UntrustedText } from '../../components/UntrustedText';
import { useRebuildStore } from './rebuildStore';
import { useUiStore } from '../../stores/uiStore';

/**
 * The local side of the Compare step: the release's reference rebuild kept in
 * its review folder, if there is one. It reads the rebuilds, so it lives here
 * and the shell places it in the Compare step's form.
 */
export function ReferenceRebuildFacts({ tag }: { tag: string | null }) {
  const history = useRebuildStore((state) => (state.historyTag === tag ? state.history : null));
  const historyError = useRebuildStore((state) => state.historyError);
  const rebuilding = useRebuildStore((state) => state.running);
  const loadHistory = useRebuildStore((state) => state.loadHistory);
  const showStep = useUiStore((state) => state.showStep);

  useEffect(() => {
    if (tag !== null && !rebuilding) void loadHistory(tag);
  }, [tag, rebuilding, loadHistory]);

  const reference = history?.find((summary) => summary.variation === 'reference') ?? null;
  return (
    <section className="facts compare-source" aria-labelledby="compare-local-heading">
      <h3 className="facts__title" id="compare-local-heading">
        The rebuild
      </h3>
      <dl className="facts__list">
        <dt>Release</dt>
        <dd data-testid="compare-tag">{tag ? <UntrustedText text={tag} /> : 'none verified'}</dd>
        {reference ? (
          <>
            <dt>Built</dt>
            <dd>
              <DateTime iso={reference.buildInfo.finishedAt} />
              <span className="facts__aside">{reference.buildInfo.artifacts.length} artifacts</span>
            </dd>
            <dt>Folder</dt>
            <dd>
              <code className="compare-source__location" data-testid="local-source">
                {reference.outDir}
              </code>
            </dd>
          </>
        ) : null}
      </dl>
      {history !== null && reference === null && !historyError ? (
        <div className="compare-source__missing" data-testid="no-rebuild">
          <p>
            {rebuilding
              ? 'The rebuild of this release is still running.'
              : 'This release has not been rebuilt yet; there is nothing to compare CI’s artifacts with.'}
          </p>
          {rebuilding ? null : (
            <button type="button" className="button" onClick={() => showStep('rebuild')}>
              Go to Rebuild
            </button>
          )}
        </div>
      ) : null}
      {historyError ? (
        <p className="facts__caution">Could not list the rebuilds: {historyError.message}</p>
      ) : null}
    </section>
  );
}
