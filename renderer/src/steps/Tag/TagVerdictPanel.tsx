import { useShallow } from 'zustand/react/shallow';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useReleaseStore } from '../../stores/releaseStore';
import { TagVerdictView } from './TagVerdictView';
import { verdictAnnouncement } from './verdictAnnouncement';

/** Where the answer appears: progress, the verdict, or why there is none. */
export function TagVerdictPanel() {
  // One object from several fields: useShallow re-renders only when one of them changes.
  const { verdict, verifying, request, error } = useReleaseStore(
    useShallow((state) => ({
      verdict: state.verdict,
      verifying: state.verifying,
      request: state.verdictRequest,
      error: state.errors.verify,
    })),
  );
  const dismissError = useReleaseStore((state) => state.dismissError);

  return (
    <section className="verdict-panel" aria-labelledby="verdict-heading" aria-busy={verifying}>
      <h2 className="visually-hidden" id="verdict-heading">
        Verdict
      </h2>
      {/* Always present, so screen readers announce each change of its text. */}
      <p className="visually-hidden" role="status">
        {verdictAnnouncement({ verifying, verdict, request, failed: error !== null })}
      </p>
      {error ? (
        <ErrorAlert
          error={error}
          title="Could not verify the tag"
          onDismiss={() => dismissError('verify')}
        />
      ) : null}
      {verifying ? (
        <div className="verdict-placeholder verdict-placeholder--busy">
          Checking {request?.tag ?? 'the tag'}: reading the tag object and its signature…
        </div>
      ) : null}
      {verdict ? <TagVerdictView verdict={verdict} /> : null}
      {!verifying && !verdict && !error ? (
        <div className="verdict-placeholder">
          No tag verified yet. Choose a tag and press <strong>Verify tag</strong>.
        </div>
      ) : null}
    </section>
  );
}
