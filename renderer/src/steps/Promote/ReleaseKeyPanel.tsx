import { ErrorAlert } from '../../components/ErrorAlert';
import { usePromoteStore } from './promoteStore';
import { ImportReleaseKeyForm } from './ImportReleaseKeyForm';
import { ReleaseKeyFacts } from './ReleaseKeyFacts';
import { useReleaseKey } from './useReleaseKey';

/** The key that signs apt-prod's Release: its facts once imported, else the way to import it. */
export function ReleaseKeyPanel({ tag }: { tag: string }) {
  const { info, problem } = useReleaseKey(tag);
  const keyError = usePromoteStore((state) => state.planning.keyError);
  const dismissKeyError = usePromoteStore((state) => state.planning.dismissKeyError);

  return (
    <section
      className="panel promote-key"
      aria-labelledby="promote-key-heading"
      data-testid="promote-key"
      data-state={info ? 'imported' : 'missing'}
    >
      <div className="panel__header">
        <h2 className="panel__title" id="promote-key-heading">
          Release key
        </h2>
      </div>
      {info ? (
        <ReleaseKeyFacts info={info} />
      ) : (
        <p className="panel__intro" data-testid="promote-key-missing">
          No release key is imported, so nothing can be signed. Import the secret key that signs
          apt-prod; the project keeps it encrypted, and its passphrase is asked for at each
          promotion.
        </p>
      )}
      {problem ? (
        <p className="facts__caution promote-key__problem" data-testid="promote-key-problem">
          {problem}
        </p>
      ) : null}
      {keyError ? (
        <ErrorAlert
          error={keyError}
          title="The release key was not imported"
          onDismiss={dismissKeyError}
        />
      ) : null}
      {info ? (
        <details className="promote-key__replace">
          <summary>Import another release key</summary>
          <ImportReleaseKeyForm />
        </details>
      ) : (
        <ImportReleaseKeyForm />
      )}
    </section>
  );
}
