import { useShallow } from 'zustand/react/shallow';
import { ErrorAlert } from '../components/ErrorAlert';
import { UntrustedText } from '../components/UntrustedText';
import { JobProgress } from '../jobs/JobProgress';
import { useStartStore } from './startStore';

/** Opens the demo release, making it first (a job: keys, signed tags, CI's build in Docker). */
export function OpenDemo() {
  const { running, phase, progress, jobState, log, error } = useStartStore(
    useShallow((state) => ({
      running: state.running,
      phase: state.phase,
      progress: state.progress,
      jobState: state.jobState,
      log: state.demoLog,
      error: state.error,
    })),
  );
  return (
    <section className="panel start-card" aria-labelledby="demo-heading" data-testid="open-demo">
      <h3 className="panel__title" id="demo-heading">
        Try the demo
      </h3>
      <p className="panel__intro">
        A small release to walk through: signed tags, CI’s packages in a signed apt repository, an
        empty apt-prod. The first time, it is made on this machine (CI’s build runs in Docker): it
        may take a minute.
      </p>
      <div className="setup-actions">
        <button
          type="button"
          className="button"
          aria-disabled={running ? true : undefined}
          onClick={() => void useStartStore.getState().openDemo()}
          data-testid="open-demo-button"
        >
          {running ? 'Opening the demo…' : 'Open the demo'}
        </button>
      </div>
      <div className="start-demo__progress" aria-live="polite">
        {running ? (
          <>
            <p className="start-demo__phase">
              <UntrustedText text={phase ?? 'starting'} />
            </p>
            <JobProgress
              progress={progress}
              state={jobState ?? 'running'}
              label="Progress of the demo"
            />
            {log ? (
              <p className="start-demo__log">
                <UntrustedText text={log} />
              </p>
            ) : null}
          </>
        ) : null}
      </div>
      {error ? (
        <ErrorAlert
          error={error}
          title="Could not open the demo"
          onDismiss={() => useStartStore.getState().dismissError()}
          hintIsLog={error.code === 'BUILD_FAILED'}
        />
      ) : null}
    </section>
  );
}
