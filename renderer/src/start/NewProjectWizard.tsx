import { useEffect, type FormEvent } from 'react';
import { AptProdQuestion } from './questions/AptProdQuestion';
import { CiQuestion } from './questions/CiQuestion';
import { ProjectQuestion } from './questions/ProjectQuestion';
import { QuestionError } from './questions/Question';
import { RebuildQuestion } from './questions/RebuildQuestion';
import { SignersQuestion } from './questions/SignersQuestion';
import { SourceQuestion } from './questions/SourceQuestion';
import { useSetupStore } from './setupStore';
import { useStartStore } from './startStore';

/**
 * "New project…": six questions in order, each checked as it is answered,
 * then "Create project" writes project.json and opens it. A refusal is shown
 * beside the question it belongs to, and focus moves to the first one.
 */
export function NewProjectWizard() {
  const focus = useSetupStore((state) => state.focus);
  const creating = useSetupStore((state) => state.busy === 'create');
  const problems = useSetupStore((state) => Object.keys(state.problems).length);

  useEffect(() => {
    if (focus) document.getElementById(focus.target)?.focus();
  }, [focus]);

  const leave = () => {
    useSetupStore.getState().reset();
    useStartStore.getState().showView('home');
  };

  const onCreate = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const created = await useSetupStore.getState().create();
    if (!created) return;
    await useStartStore.getState().finishOpening();
    useSetupStore.getState().reset();
  };

  return (
    <section className="setup-wizard" aria-labelledby="setup-heading" data-testid="new-project">
      <div className="setup-wizard__header">
        <h2 className="setup-wizard__title" id="setup-heading">
          New project
        </h2>
        <button type="button" className="button button--quiet" onClick={leave}>
          Back to the start screen
        </button>
      </div>
      <SourceQuestion />
      <ProjectQuestion />
      <SignersQuestion />
      <RebuildQuestion />
      <CiQuestion />
      <AptProdQuestion />
      <form
        className="panel setup-create"
        aria-label="Create the project"
        noValidate
        onSubmit={(event) => void onCreate(event)}
      >
        <div className="setup-actions">
          <button
            type="submit"
            className="button button--primary"
            aria-disabled={creating ? true : undefined}
            data-testid="create-project"
          >
            {creating ? 'Creating…' : 'Create project'}
          </button>
          <button type="button" className="button" onClick={leave}>
            Cancel
          </button>
          <p className="setup-status" role="status">
            {problems > 0 ? 'Some answers need another look: see the marked fields.' : ''}
          </p>
        </div>
        <QuestionError question="create" />
      </form>
    </section>
  );
}
