import type { FormEvent } from 'react';
import { ErrorAlert } from '../components/ErrorAlert';
import { FieldNote, fieldNoteId } from '../components/FieldNote';
import { useBundleStore } from './bundleStore';

const FIELD_ID = 'open-bundle-path';

/**
 * "Open review bundle…": a reviewer on another machine opens the bundle the
 * release manager sent, by its path (browser mode has no file dialog). It is
 * checked (hostile paths, links, sizes; every SHA-256) before anything shows.
 */
export function OpenBundleForm() {
  const openPath = useBundleStore((state) => state.openPath);
  const setOpenPath = useBundleStore((state) => state.setOpenPath);
  const opening = useBundleStore((state) => state.opening);
  const openError = useBundleStore((state) => state.openError);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const path = openPath.trim();
    if (path === '') {
      document.getElementById(FIELD_ID)?.focus();
      return;
    }
    void useBundleStore.getState().open(path);
  };

  return (
    <form
      className="panel start-card"
      aria-labelledby="open-bundle-heading"
      noValidate
      onSubmit={onSubmit}
      data-testid="open-bundle"
    >
      <h3 className="panel__title" id="open-bundle-heading">
        Open review bundle…
      </h3>
      <p className="panel__intro">
        Review a release from another machine: open the bundle its release manager exported (
        <code>countersign review export</code>), decide with your own reviewer key, and send back
        the signed decisions file.
      </p>
      <div className="setup-row">
        <div className="field setup-row__grow">
          <label className="field__label" htmlFor={FIELD_ID}>
            Path of the review bundle
          </label>
          <input
            id={FIELD_ID}
            className="field__control field__control--mono"
            value={openPath}
            onChange={(event) => setOpenPath(event.target.value)}
            placeholder="/home/you/Downloads/hello-1.0.0.review.tar"
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            aria-invalid={openError ? true : undefined}
            aria-describedby={fieldNoteId(FIELD_ID, undefined)}
            data-testid="open-bundle-path"
          />
          <FieldNote
            fieldId={FIELD_ID}
            problem={undefined}
            help="The path on the machine running Countersign."
          />
        </div>
        <button
          type="submit"
          className="button setup-row__button"
          aria-disabled={opening ? true : undefined}
          data-testid="open-bundle-submit"
        >
          {opening ? 'Checking…' : 'Open'}
        </button>
      </div>
      {openError ? (
        <ErrorAlert
          error={openError}
          title="The bundle was not opened"
          onDismiss={() => useBundleStore.setState({ openError: null })}
        />
      ) : null}
    </form>
  );
}
