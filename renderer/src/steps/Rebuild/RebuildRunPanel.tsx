import { ErrorAlert } from '../../components/ErrorAlert';
import { useRebuildStore } from './rebuildStore';
import { RebuildLog } from './RebuildLog';
import { RebuildPhases } from './RebuildPhases';
import { RebuildResultView } from './RebuildResultView';

/** The run: its phases and log while it works, then its result, error, or cancellation. */
export function RebuildRunPanel() {
  const running = useRebuildStore((state) => state.running);
  const jobState = useRebuildStore((state) => state.jobState);
  const result = useRebuildStore((state) => state.result);
  const error = useRebuildStore((state) => state.error);
  const cancelled = useRebuildStore((state) => state.cancelled);
  const dismissError = useRebuildStore((state) => state.dismissError);

  return (
    <section className="rebuild-run" aria-labelledby="rebuild-run-heading" aria-busy={running}>
      <h2 className="visually-hidden" id="rebuild-run-heading">
        Rebuild progress and result
      </h2>
      <p className="visually-hidden" role="status">
        {running
          ? 'Rebuilding…'
          : cancelled
            ? 'Rebuild cancelled.'
            : error
              ? 'Rebuild failed.'
              : result
                ? 'Rebuild finished.'
                : ''}
      </p>
      {error ? (
        <ErrorAlert error={error} title="Could not rebuild" onDismiss={dismissError} hintIsLog />
      ) : null}
      {cancelled ? (
        <div className="rebuild-notice" data-testid="rebuild-cancelled">
          <strong>Rebuild cancelled.</strong> The container was stopped and removed; nothing
          half-copied was kept.
        </div>
      ) : null}
      {result ? <RebuildResultView result={result} /> : null}
      {jobState !== null ? <RebuildPhases /> : null}
      {jobState !== null ? <RebuildLog /> : null}
      {jobState === null && !error ? (
        <div className="verdict-placeholder">
          No rebuild in this session yet. Press <strong>Rebuild</strong> to start one.
        </div>
      ) : null}
    </section>
  );
}
