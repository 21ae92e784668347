import { useShallow } from 'zustand/react/shallow';
import { useSetupStore } from '../setupStore';
import { KeyCards } from './KeyCards';
import { KeySourceEditor } from './KeySourceEditor';
import { Question } from './Question';

/**
 * Question 3: the maintainers whose signed tags are trusted. Their keys are
 * read and shown; nothing is trusted until the user confirms the fingerprints.
 */
export function SignersQuestion() {
  const { signers, keysInspection, keysTrusted, busy, valueProblem, trustProblem } = useSetupStore(
    useShallow((state) => ({
      signers: state.signers,
      keysInspection: state.keysInspection,
      keysTrusted: state.keysTrusted,
      busy: state.busy,
      valueProblem: state.problems['setup-signer-value'],
      trustProblem: state.problems['setup-signers-trust'],
    })),
  );
  const addSigner = useSetupStore((state) => state.addSigner);
  const removeSigner = useSetupStore((state) => state.removeSigner);
  const readKeys = useSetupStore((state) => state.readKeys);
  const trustKeys = useSetupStore((state) => state.trustKeys);
  const reading = busy === 'keys';
  const count = keysInspection?.keys.length ?? 0;

  return (
    <Question
      question="signers"
      number={3}
      title="Trusted signers"
      intro="A tag is verified only when one of these keys signed it. Get each fingerprint from its owner by a way you trust, and compare."
      onSubmit={() => void readKeys()}
    >
      <KeySourceEditor
        idPrefix="setup-signer"
        legend="Add a signer’s key by"
        keys={signers}
        onAdd={addSigner}
        onRemove={removeSigner}
        problem={valueProblem}
      />
      <div
        className="setup-trust"
        id="setup-signers-trust"
        tabIndex={-1}
        role="group"
        aria-label="Read and trust the keys"
        aria-describedby={trustProblem ? 'setup-signers-trust-problem' : undefined}
      >
        <div className="setup-actions">
          <button
            type="submit"
            className="button"
            aria-disabled={reading ? true : undefined}
            data-testid="read-keys"
          >
            {reading ? 'Reading…' : 'Read keys'}
          </button>
          {keysInspection && count > 0 ? (
            <button
              type="button"
              className={`button${keysTrusted ? '' : ' button--primary'}`}
              aria-pressed={keysTrusted}
              onClick={trustKeys}
              data-testid="trust-keys"
            >
              {keysTrusted ? 'Trusted' : 'Trust these keys'}
            </button>
          ) : null}
          <p className="setup-status" role="status">
            {keysInspection
              ? keysTrusted
                ? `You trust ${count} ${count === 1 ? 'key' : 'keys'}.`
                : `Read ${count} ${count === 1 ? 'key' : 'keys'}: check each fingerprint, then trust them.`
              : ''}
          </p>
        </div>
        {trustProblem ? (
          <p className="field__problem" id="setup-signers-trust-problem">
            {trustProblem}
          </p>
        ) : null}
      </div>
      {keysInspection ? <KeyCards keys={keysInspection.keys} /> : null}
    </Question>
  );
}
