import { useEffect, useRef, useState } from 'react';
import { UntrustedText } from '../../components/UntrustedText';
import { useReleaseStore } from '../../stores/releaseStore';
import { SIGNERS_HEADING_ID } from './signersHeading';

/** Removes a key from the trust list, after asking; Cancel is the default. */
export function RemoveSignerControl({ fingerprint, name }: { fingerprint: string; name: string }) {
  const removeSigner = useReleaseStore((state) => state.removeSigner);
  const busy = useReleaseStore((state) => state.signersBusy);
  const [confirming, setConfirming] = useState(false);
  const askButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  // Keep keyboard focus with the control: on Cancel when asking, back on Remove after.
  useEffect(() => {
    if (confirming) cancelButton.current?.focus();
    else if (wasConfirming.current) askButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const confirm = async () => {
    if (busy) return;
    if (await removeSigner(fingerprint)) {
      document.getElementById(SIGNERS_HEADING_ID)?.focus();
    } else {
      setConfirming(false);
    }
  };

  if (!confirming) {
    return (
      <div className="signer-card__actions">
        <button
          ref={askButton}
          type="button"
          className="button button--quiet button--danger-text"
          onClick={() => setConfirming(true)}
          data-testid="remove-signer"
        >
          Remove from trust list…
        </button>
      </div>
    );
  }

  const questionId = `remove-${fingerprint}-question`;
  return (
    <div className="confirm" role="group" aria-labelledby={questionId}>
      <p className="confirm__question" id={questionId}>
        Remove <UntrustedText text={name} /> from the trust list? Tags signed by this key will be
        refused from now on.
      </p>
      <div className="confirm__actions">
        <button
          type="button"
          className="button button--danger"
          aria-disabled={busy ? true : undefined}
          onClick={() => void confirm()}
          data-testid="confirm-remove-signer"
        >
          Remove key
        </button>
        <button
          ref={cancelButton}
          type="button"
          className="button"
          onClick={() => setConfirming(false)}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
