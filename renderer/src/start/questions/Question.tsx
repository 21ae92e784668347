import type { FormEvent, ReactNode } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { SetupQuestion } from '../setupAnswers';
import { useSetupStore } from '../setupStore';

/** What an engine refusal's title says, per question. */
const REFUSED: Record<SetupQuestion, string> = {
  source: 'The source was refused',
  project: 'The project folder or name was refused',
  signers: 'The keys were refused',
  rebuild: 'The rebuild recipe was refused',
  ci: 'CI’s source was refused',
  aptProd: 'apt-prod was refused',
  create: 'Could not create the project',
};

/** The id of a question's refusal, where focus goes when the engine refuses an answer. */
export const questionErrorId = (question: SetupQuestion) => `setup-${question}-error`;

/** The engine's refusal of one question, shown beside it, focusable so a keyboard user lands on it. */
export function QuestionError({ question }: { question: SetupQuestion }) {
  const error = useSetupStore((state) => state.errors[question]);
  const dismiss = useSetupStore((state) => state.dismissError);
  if (!error) return null;
  return (
    <div className="setup-question__error" id={questionErrorId(question)} tabIndex={-1}>
      <ErrorAlert error={error} title={REFUSED[question]} onDismiss={() => dismiss(question)} />
    </div>
  );
}

/**
 * One question of the wizard: its own form, so Enter in a field runs that
 * question's check (never "Create project"), with the engine's refusal at its foot.
 */
export function Question(props: {
  question: Exclude<SetupQuestion, 'create'>;
  number: number;
  title: string;
  optional?: boolean;
  intro: ReactNode;
  onSubmit?: () => void;
  children: ReactNode;
}) {
  const headingId = `setup-${props.question}-heading`;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    props.onSubmit?.();
  };
  return (
    <form
      className="panel setup-question"
      aria-labelledby={headingId}
      noValidate
      onSubmit={onSubmit}
      data-testid={`setup-question-${props.question}`}
    >
      <h3 className="panel__title setup-question__title" id={headingId}>
        <span className="setup-question__number">{props.number}.</span> {props.title}
        {props.optional ? <span className="field__optional"> (optional)</span> : null}
      </h3>
      <p className="panel__intro">{props.intro}</p>
      <div className="setup-question__body">{props.children}</div>
      <QuestionError question={props.question} />
    </form>
  );
}
