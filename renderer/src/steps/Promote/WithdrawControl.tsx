import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AppError } from '../../../../shared/errors';
import {
  WITHDRAWAL_REASON_MAX,
  type PromotionPlan,
  type WithdrawalResult,
} from '../../../../shared/promote';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FieldNote, fieldNoteId } from '../../components/FieldNote';
import { UntrustedText } from '../../components/UntrustedText';
import { activeTransport } from '../../transport/activeTransport';
import { usePromoteStore } from './promoteStore';

/** The package names apt-prod serves now, as the plan read them: kept, or already there. */
export function servedPackages(plan: PromotionPlan): string[] {
  const names = [
    ...plan.kept.map((pkg) => pkg.package),
    ...plan.changes.filter((change) => change.action === 'unchanged').map((c) => c.package),
  ];
  return [...new Set(names)].sort();
}

type Stage =
  | { kind: 'closed' }
  | { kind: 'asking' }
  | { kind: 'confirming' }
  | { kind: 'withdrawing' }
  | { kind: 'done'; result: WithdrawalResult; name: string };

const FIELD = {
  package: 'withdraw-package',
  reason: 'withdraw-reason',
  passphrase: 'withdraw-passphrase',
} as const;

// Laid out with the rollback's classes (promote.css): the two sit together and look alike.

/**
 * "Withdraw a published package…": for a package blocked after apt-prod
 * began serving it. Asks which (from what apt-prod serves), why (recorded in
 * the audit log) and the release key's passphrase, then confirms what apt
 * users will see, and publishes a new signed apt-prod without it
 * (promote:withdraw). The passphrase lives in this form only until it is sent.
 */
export function WithdrawControl({ tag }: { tag: string }) {
  const plan = usePromoteStore((state) =>
    state.planning.tag === tag ? state.planning.plan : null,
  );
  const replan = usePromoteStore((state) => state.planning.replan);
  const publishing = usePromoteStore((state) => state.publication.running);
  const [stage, setStage] = useState<Stage>({ kind: 'closed' });
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [problems, setProblems] = useState<Partial<Record<keyof typeof FIELD, string>>>({});
  const [error, setError] = useState<AppError | null>(null);
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    const id = focusNext.current;
    focusNext.current = null;
    if (id) document.getElementById(id)?.focus();
  });

  const served = plan ? servedPackages(plan) : [];
  if (served.length === 0 && stage.kind !== 'done') return null;
  const chosen = name !== '' && served.includes(name) ? name : (served[0] ?? '');

  const open = () => {
    if (publishing) return;
    focusNext.current = FIELD.package;
    setError(null);
    setStage({ kind: 'asking' });
  };
  const close = () => {
    setPassphrase('');
    setProblems({});
    focusNext.current = 'withdraw-start';
    setStage({ kind: 'closed' });
  };
  const ask = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof problems = {};
    if (reason.trim() === '') {
      found.reason = 'Say why: the reason is recorded in the release’s audit log.';
    }
    if (passphrase === '') found.passphrase = 'The release key signs the new publication.';
    setProblems(found);
    const first = (['reason', 'passphrase'] as const).find((field) => found[field]);
    if (first) {
      focusNext.current = FIELD[first];
      setStage({ kind: 'asking' });
      return;
    }
    focusNext.current = 'withdraw-keep';
    setStage({ kind: 'confirming' });
  };
  const withdraw = async () => {
    setStage({ kind: 'withdrawing' });
    setError(null);
    const sent = passphrase;
    setPassphrase('');
    const outcome = await activeTransport.client.invoke('promote:withdraw', {
      tag,
      package: chosen,
      reason: reason.trim(),
      passphrase: sent,
    });
    if (outcome.ok) {
      focusNext.current = 'withdraw-outcome';
      setStage({ kind: 'done', result: outcome.value, name: chosen });
      setReason('');
      void replan();
    } else {
      focusNext.current = outcome.error.code === 'WRONG_PASSPHRASE' ? FIELD.passphrase : null;
      setError(outcome.error);
      setStage({ kind: 'asking' });
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    if (stage.kind === 'confirming') {
      focusNext.current = FIELD.package;
      setStage({ kind: 'asking' });
    } else if (stage.kind === 'asking') close();
  };

  return (
    <div
      className="promote-rollback promote-withdraw"
      data-testid="promote-withdraw"
      onKeyDown={onKeyDown}
    >
      {stage.kind === 'done' ? (
        <p
          className="promote-withdraw__outcome"
          role="status"
          tabIndex={-1}
          id="withdraw-outcome"
          data-testid="promote-withdraw-done"
          data-publication={stage.result.publication.id}
        >
          Withdrawn: apt-prod now serves publication{' '}
          <code>
            <UntrustedText text={stage.result.publication.id} />
          </code>
          , signed, without <UntrustedText text={stage.name} /> (
          <UntrustedText
            text={[...new Set(stage.result.withdrawn.map((pkg) => pkg.version))].join(', ')}
          />
          ). apt stops offering it at the next update; a rollback would serve it again.
        </p>
      ) : null}
      {stage.kind === 'closed' || stage.kind === 'done' ? (
        served.length > 0 ? (
          <button
            type="button"
            id="withdraw-start"
            className="button button--danger-text"
            data-testid="promote-withdraw-start"
            aria-disabled={publishing ? true : undefined}
            onClick={open}
          >
            Withdraw a published package…
          </button>
        ) : null
      ) : (
        <form
          className="promote-rollback promote-withdraw__form"
          noValidate
          onSubmit={ask}
          aria-labelledby="withdraw-heading"
        >
          <h3 className="facts__title" id="withdraw-heading">
            Withdraw a package apt-prod serves
          </h3>
          <div className="field">
            <label className="field__label" htmlFor={FIELD.package}>
              Package
            </label>
            <select
              id={FIELD.package}
              className="field__control"
              value={chosen}
              disabled={stage.kind !== 'asking'}
              onChange={(event) => setName(event.target.value)}
              data-testid="promote-withdraw-package"
            >
              {served.map((pkg) => (
                <option key={pkg} value={pkg}>
                  {pkg}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={FIELD.reason}>
              Reason
            </label>
            <textarea
              id={FIELD.reason}
              className="field__control"
              rows={2}
              maxLength={WITHDRAWAL_REASON_MAX}
              value={reason}
              readOnly={stage.kind !== 'asking'}
              onChange={(event) => setReason(event.target.value)}
              aria-invalid={problems.reason ? true : undefined}
              aria-describedby={fieldNoteId(FIELD.reason, problems.reason)}
              data-testid="promote-withdraw-reason"
            />
            <FieldNote
              fieldId={FIELD.reason}
              problem={problems.reason}
              help="Recorded in the release’s audit log with the withdrawal, for whoever audits it."
            />
          </div>
          {/* Its own field, not PassphraseField: that one's id is the publish panel's, on the same page. */}
          <div className="field">
            <label className="field__label" htmlFor={FIELD.passphrase}>
              Passphrase of the release key
            </label>
            <input
              id={FIELD.passphrase}
              className="field__control"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={passphrase}
              readOnly={stage.kind !== 'asking'}
              onChange={(event) => setPassphrase(event.target.value)}
              aria-invalid={problems.passphrase ? true : undefined}
              aria-describedby={fieldNoteId(FIELD.passphrase, problems.passphrase)}
              data-testid="promote-withdraw-passphrase"
            />
            <FieldNote
              fieldId={FIELD.passphrase}
              problem={problems.passphrase}
              help="Used once, in memory, to sign the new publication; never stored or logged."
            />
          </div>
          {error ? (
            <ErrorAlert error={error} title="Could not withdraw" onDismiss={() => setError(null)} />
          ) : null}
          {stage.kind === 'asking' ? (
            <div className="promote-rollback__actions">
              <button type="submit" className="button" data-testid="promote-withdraw-next">
                Withdraw…
              </button>
              <button type="button" className="button button--quiet" onClick={close}>
                Cancel
              </button>
            </div>
          ) : (
            <div
              className="promote-rollback__confirm"
              role="group"
              aria-labelledby="withdraw-question"
            >
              <p id="withdraw-question">
                apt-prod gets a new publication, signed with the release key, that no longer lists{' '}
                <strong>
                  <UntrustedText text={chosen} />
                </strong>
                : apt users will stop being offered it at their next update (those who installed it
                keep it). The withdrawal and its reason go into the audit log.
              </p>
              <div className="promote-rollback__actions">
                <button
                  type="button"
                  className="button button--danger"
                  data-testid="promote-withdraw-confirm"
                  aria-disabled={stage.kind === 'withdrawing' ? true : undefined}
                  onClick={() => {
                    if (stage.kind === 'confirming') void withdraw();
                  }}
                >
                  {stage.kind === 'withdrawing' ? 'Withdrawing…' : <>Withdraw {chosen}</>}
                </button>
                <button
                  type="button"
                  id="withdraw-keep"
                  className="button"
                  disabled={stage.kind === 'withdrawing'}
                  onClick={() => {
                    focusNext.current = FIELD.package;
                    setStage({ kind: 'asking' });
                  }}
                >
                  Keep serving it
                </button>
              </div>
              {stage.kind === 'withdrawing' ? (
                <p role="status" data-testid="promote-withdraw-progress">
                  Signing and publishing apt-prod without <UntrustedText text={chosen} />…
                </p>
              ) : null}
            </div>
          )}
        </form>
      )}
    </div>
  );
}
