import { useEffect, useRef, type RefObject } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UntrustedText } from '../../components/UntrustedText';
import { JobProgress } from '../../jobs/JobProgress';
import { useVerifyStore } from './verifyStore';

/**
 * The button that checks apt-prod against the release key and this release's
 * review, the job's progress while it runs, and why it could not run. When it
 * ends, focus goes to the verdict.
 */
export function VerifyRunPanel({
  tag,
  resultHeadingRef,
}: {
  tag: string;
  resultHeadingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const verify = useVerifyStore((state) => state.verification.verify);
  const running = useVerifyStore((state) => state.verification.running);
  const phase = useVerifyStore((state) => state.verification.phase);
  const progress = useVerifyStore((state) => state.verification.progress);
  const error = useVerifyStore((state) => state.verification.error);
  const dismissError = useVerifyStore((state) => state.verification.dismissError);
  const awaiting = useRef(false);

  useEffect(() => {
    if (!awaiting.current || running) return;
    awaiting.current = false;
    resultHeadingRef.current?.focus();
  }, [running, resultHeadingRef]);

  return (
    <section
      className="panel qa-run"
      aria-labelledby="qa-run-heading"
      data-testid="verify-repo-run"
      data-running={running}
    >
      <div className="panel__header">
        <h2 className="panel__title" id="qa-run-heading">
          Verify what apt-prod serves
        </h2>
      </div>
      <p className="panel__intro">
        Checks each suite&apos;s signature with the release key, each index against its Release,
        each package against its index, and each package&apos;s SHA-256 against the review of{' '}
        <code data-testid="verify-repo-tag">
          <UntrustedText text={tag} />
        </code>
        , and the signed attestations its promotion published against what apt-prod serves. The
        verdict is added to the release&apos;s audit log.
      </p>
      <div className="qa-run__actions">
        <button
          type="button"
          className="button button--primary"
          data-testid="verify-repo-button"
          aria-disabled={running ? true : undefined}
          onClick={() => {
            if (running) return;
            awaiting.current = true;
            void verify(tag);
          }}
        >
          {running ? 'Verifying apt-prod…' : 'Verify apt-prod'}
        </button>
      </div>
      {running ? (
        <div className="qa-run__progress" role="status" data-testid="verify-repo-progress">
          <p>
            Verifying: <UntrustedText text={phase ?? 'starting'} />
          </p>
          <JobProgress progress={progress} state="running" label="Progress of the verification" />
        </div>
      ) : null}
      {error ? (
        <ErrorAlert error={error} title="Could not verify apt-prod" onDismiss={dismissError} />
      ) : null}
    </section>
  );
}
