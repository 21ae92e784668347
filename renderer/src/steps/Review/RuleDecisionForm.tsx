import { useDeferredValue, useId, useMemo, useState, type FormEvent } from 'react';
import type { Decision, DifferenceNode } from '../../../../shared/review';
import { FieldNote, fieldNoteId } from '../../components/FieldNote';
import { UntrustedText } from '../../components/UntrustedText';
import { useReviewStore } from './reviewStore';
import { formatCount } from '../../format/count';
import { ruleProblem, ruleSelection, type DecisionRule } from '../../../../shared/decisionRule';
import { nodeLabel } from './differenceTree';
import { isPassphraseRefusal, ReviewerPassphraseField } from './ReviewerPassphraseField';
import { useNeedsReviewerPassphrase } from './useNeedsReviewerPassphrase';

/** How many of the matching differences are named under the count. */
const PREVIEW_NAMES = 5;

const plural = (count: number) => `${formatCount(count)} difference${count === 1 ? '' : 's'}`;

/**
 * Decide every difference a rule selects, with one comment for all: by a path
 * pattern on the member's name, or by text in diffoscope's comments. How many
 * it matches (and the first of them) shows before anything is recorded.
 */
export function RuleDecisionForm({
  nodes,
  onClose,
}: {
  nodes: readonly DifferenceNode[];
  onClose: () => void;
}) {
  const decide = useReviewStore((state) => state.decide);
  const deciding = useReviewStore((state) => state.deciding);
  // A rule's decisions are signed one by one, like any other: the passphrase unlocks the key once.
  const needsPassphrase = useNeedsReviewerPassphrase();
  const [passphrase, setPassphrase] = useState('');
  const [passphraseProblem, setPassphraseProblem] = useState<string | undefined>(undefined);
  const decideError = useReviewStore((state) => state.decideError);
  const refusal = isPassphraseRefusal(decideError) ? decideError?.message : undefined;
  const [by, setBy] = useState<DecisionRule['by']>('path');
  const [pattern, setPattern] = useState('');
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<{ field: 'pattern' | 'comment'; text: string } | null>(
    null,
  );
  const id = useId();
  const patternId = `${id}-pattern`;
  const commentId = `${id}-comment`;

  // Typing stays responsive on a large report: the count catches up when it can.
  const deferredPattern = useDeferredValue(pattern.trim());
  const rule = useMemo<DecisionRule | null>(() => {
    if (deferredPattern === '') return null;
    return by === 'path' ? { by, pattern: deferredPattern } : { by, contains: deferredPattern };
  }, [by, deferredPattern]);
  // A pattern that is not one ([[[) is said so beside the field, never shown as matching nothing.
  const invalid = useMemo(() => (rule ? ruleProblem(rule) : null), [rule]);
  const matched = useMemo(
    () => (rule && invalid === null ? ruleSelection(rule, nodes) : []),
    [rule, invalid, nodes],
  );
  // The count shown is the count of what is typed (not of a moment ago): only then may it be confirmed.
  const current = pattern.trim() === deferredPattern;
  const blocked = deciding || !current || invalid !== null || matched.length === 0;

  const submit = async (decision: Decision) => {
    if (deciding) return;
    const text = pattern.trim();
    if (text === '') {
      setProblem({ field: 'pattern', text: 'Give a pattern or a text to match.' });
      return;
    }
    if (decision === 'accepted' && comment.trim() === '') {
      setProblem({
        field: 'comment',
        text: 'Say why these differences are harmless: accepting needs a comment.',
      });
      return;
    }
    const confirmed: DecisionRule = by === 'path' ? { by, pattern: text } : { by, contains: text };
    const refused = ruleProblem(confirmed);
    if (refused !== null) {
      setProblem({ field: 'pattern', text: refused });
      return;
    }
    setProblem(null);
    if (needsPassphrase && passphrase === '') {
      setPassphraseProblem('Type your reviewer key’s passphrase: each decision is signed with it.');
      document.getElementById(`${id}-passphrase`)?.focus();
      return;
    }
    setPassphraseProblem(undefined);
    const given = needsPassphrase ? passphrase : undefined;
    setPassphrase('');
    if (await decide(decision, comment.trim(), { rule: confirmed }, given)) onClose();
  };

  const patternProblem =
    (current ? (invalid ?? undefined) : undefined) ??
    (problem?.field === 'pattern' ? problem.text : undefined);
  const commentProblem = problem?.field === 'comment' ? problem.text : undefined;

  return (
    <form
      className="review-rule"
      aria-labelledby={`${id}-title`}
      data-testid="review-rule"
      onSubmit={(event: FormEvent) => event.preventDefault()}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
      noValidate
    >
      <h3 className="review-rule__title" id={`${id}-title`}>
        Decide by rule
      </h3>
      <fieldset className="review-rule__by">
        <legend className="field__label">Match</legend>
        <label className="field--check">
          <input
            type="radio"
            name={`${id}-by`}
            checked={by === 'path'}
            onChange={() => setBy('path')}
          />
          the member’s path
        </label>
        <label className="field--check">
          <input
            type="radio"
            name={`${id}-by`}
            checked={by === 'comment'}
            onChange={() => setBy('comment')}
          />
          text in diffoscope’s comments
        </label>
      </fieldset>
      <div className="field">
        <label className="field__label" htmlFor={patternId}>
          {by === 'path' ? 'Path pattern' : 'Comment contains'}
        </label>
        <input
          id={patternId}
          className="field__control field__control--mono"
          value={pattern}
          onChange={(event) => {
            setPattern(event.target.value);
            if (problem?.field === 'pattern') setProblem(null);
          }}
          placeholder={by === 'path' ? './usr/share/doc/**' : 'Timestamp'}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={patternProblem ? true : undefined}
          aria-describedby={fieldNoteId(patternId, patternProblem)}
          data-testid="review-rule-pattern"
        />
        <FieldNote
          fieldId={patternId}
          problem={patternProblem}
          help={
            by === 'path'
              ? '* and ? stay within one folder, ** crosses folders, [a-z] matches one character of a set; a pattern without / matches the file name.'
              : 'Matched as typed, case included.'
          }
        />
      </div>
      <div
        className="review-rule__preview"
        role="status"
        data-testid="review-rule-count"
        data-count={current && invalid === null ? matched.length : undefined}
        data-invalid={invalid !== null ? true : undefined}
      >
        {rule === null ? (
          'Type a pattern to see what it matches.'
        ) : invalid !== null ? (
          'Nothing can be decided with this pattern until it is corrected.'
        ) : (
          <>
            Matches <strong>{plural(matched.length)}</strong> left to decide on their own
            {matched.length > 0 ? ':' : '.'}
          </>
        )}
      </div>
      {matched.length > 0 ? (
        <ul className="review-rule__matches">
          {matched.slice(0, PREVIEW_NAMES).map((node) => (
            <li key={node.id}>
              <UntrustedText text={nodeLabel(node)} />
            </li>
          ))}
          {matched.length > PREVIEW_NAMES ? (
            <li className="review-rule__more">and {plural(matched.length - PREVIEW_NAMES)} more</li>
          ) : null}
        </ul>
      ) : null}
      <div className="field">
        <label className="field__label" htmlFor={commentId}>
          One comment for all <span className="field__optional">(needed to accept)</span>
        </label>
        <textarea
          id={commentId}
          className="field__control"
          rows={2}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          aria-invalid={commentProblem ? true : undefined}
          aria-describedby={fieldNoteId(commentId, commentProblem)}
          data-testid="review-rule-comment"
        />
        <FieldNote
          fieldId={commentId}
          problem={commentProblem}
          help="Recorded with each difference, with the rule that decided it."
        />
      </div>
      {needsPassphrase ? (
        <ReviewerPassphraseField
          id={`${id}-passphrase`}
          value={passphrase}
          onChange={setPassphrase}
          refusal={passphraseProblem ?? refusal}
          testId="review-rule-passphrase"
        />
      ) : null}
      <div className="review-rule__actions">
        <button
          type="button"
          className="button button--primary"
          data-testid="review-rule-accept"
          aria-disabled={blocked ? true : undefined}
          onClick={() => {
            if (!blocked) void submit('accepted');
          }}
        >
          Accept {plural(matched.length)}
        </button>
        <button
          type="button"
          className="button button--danger-text"
          data-testid="review-rule-block"
          aria-disabled={blocked ? true : undefined}
          onClick={() => {
            if (!blocked) void submit('blocking');
          }}
        >
          Block {plural(matched.length)}
        </button>
        <button type="button" className="button button--quiet" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
