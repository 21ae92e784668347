import { ErrorAlert } from '../../components/ErrorAlert';
import { useCompareStore } from './compareStore';
import { CompareProgress } from './CompareProgress';

/** The run's state: progress while it works, then its error or cancellation; load errors too. */
export function CompareRunPanel({ tag }: { tag: string | null }) {
  const running = useCompareStore((state) => state.running);
  const jobState = useCompareStore((state) => state.jobState);
  const error = useCompareStore((state) => state.error);
  const cancelled = useCompareStore((state) => state.cancelled);
  const loadError = useCompareStore((state) => state.loadError);
  const dismissError = useCompareStore((state) => state.dismissError);
  const loadLast = useCompareStore((state) => state.loadLast);

  const shown = running || cancelled || error !== null || loadError !== null;
  return (
    <>
      {/* Outside the section, so the announcement region exists before there is anything to say. */}
      <p className="visually-hidden" role="status">
        {running
          ? 'Comparing…'
          : cancelled
            ? 'Comparison cancelled.'
            : error
              ? 'Comparison failed.'
              : jobState === 'succeeded'
                ? 'Comparison finished.'
                : ''}
      </p>
      {shown ? (
        <section className="compare-run" aria-label="Comparison progress" aria-busy={running}>
          {loadError ? (
            <div className="compare-run__load-error">
              <ErrorAlert error={loadError} title="Could not read the last comparison" />
              {tag !== null ? (
                <button type="button" className="button" onClick={() => void loadLast(tag)}>
                  Try again
                </button>
              ) : null}
            </div>
          ) : null}
          {error ? (
            <ErrorAlert error={error} title="Could not compare" onDismiss={dismissError} />
          ) : null}
          {cancelled ? (
            <div className="compare-notice" data-testid="compare-cancelled">
              <strong>Comparison cancelled.</strong> The last saved comparison, if any, is kept.
            </div>
          ) : null}
          {running ? <CompareProgress /> : null}
        </section>
      ) : null}
    </>
  );
}
