import type { FormEvent } from 'react';
import { ErrorAlert } from '../components/ErrorAlert';
import { FieldNote, fieldNoteId } from '../components/FieldNote';
import { useStartStore } from './startStore';

/** Opens a project by its project.json's path (browser mode has no file dialog). */
export function OpenProjectForm() {
  const openPath = useStartStore((state) => state.openPath);
  const setOpenPath = useStartStore((state) => state.setOpenPath);
  const opening = useStartStore((state) => state.opening !== null);
  const openError = useStartStore((state) =>
    state.openError?.origin === 'path' ? state.openError.error : null,
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const path = openPath.trim();
    if (path === '') {
      document.getElementById('open-project-path')?.focus();
      return;
    }
    void useStartStore.getState().openProject(path, 'path');
  };

  return (
    <form
      className="panel start-card"
      aria-labelledby="open-project-heading"
      noValidate
      onSubmit={onSubmit}
    >
      <h3 className="panel__title" id="open-project-heading">
        Open project…
      </h3>
      <div className="setup-row">
        <div className="field setup-row__grow">
          <label className="field__label" htmlFor="open-project-path">
            Path of project.json
          </label>
          <input
            id="open-project-path"
            className="field__control field__control--mono"
            value={openPath}
            onChange={(event) => setOpenPath(event.target.value)}
            placeholder="/home/you/releases/hello/project.json"
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            aria-invalid={openError ? true : undefined}
            aria-describedby={fieldNoteId('open-project-path', undefined)}
          />
          <FieldNote
            fieldId="open-project-path"
            problem={undefined}
            help="Type the path on the machine running Countersign: in a browser there is no file dialog that could give it."
          />
        </div>
        <button
          type="submit"
          className="button setup-row__button"
          aria-disabled={opening ? true : undefined}
          data-testid="open-project"
        >
          {opening ? 'Opening…' : 'Open'}
        </button>
      </div>
      {openError ? (
        <ErrorAlert
          error={openError}
          title="Could not open the project"
          onDismiss={() => useStartStore.setState({ openError: null })}
        />
      ) : null}
    </form>
  );
}
