import type { FormEvent } from 'react';
import { Sha } from '../../components/Sha';
import { UntrustedText } from '../../components/UntrustedText';
import { useReleaseStore } from '../../stores/releaseStore';
import { useRebuildStore } from './rebuildStore';
import { RecipeFacts } from './RecipeFacts';
import { useRebuildTag } from './useRebuildTag';

/** What will be rebuilt, from what, and the button that starts it. */
export function RebuildForm() {
  const tag = useRebuildTag();
  // This release's own verdict, not the one on screen: another tag tried since may have been refused.
  const commit = useReleaseStore((state) =>
    tag === null ? null : (state.verdicts[tag]?.commit ?? null),
  );
  const setup = useReleaseStore((state) => state.project?.rebuild ?? null);
  const checkReproducible = useRebuildStore((state) => state.checkReproducible);
  const setCheckReproducible = useRebuildStore((state) => state.setCheckReproducible);
  const running = useRebuildStore((state) => state.running);
  const runRebuild = useRebuildStore((state) => state.runRebuild);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (running || tag === null || setup === null) return;
    void runRebuild(tag);
  };

  return (
    <form className="panel rebuild-form" aria-labelledby="rebuild-heading" onSubmit={onSubmit}>
      <div className="panel__header">
        <h2 className="panel__title" id="rebuild-heading">
          Rebuild the release
        </h2>
      </div>
      <p className="panel__intro">
        Countersign builds the tagged commit in a container from a pinned base image, with the
        network off during the build, and keeps what it built beside a record of how.
      </p>

      <dl className="facts__list rebuild-form__target">
        <dt>Tag</dt>
        <dd data-testid="rebuild-tag">{tag ? <UntrustedText text={tag} /> : 'none verified'}</dd>
        <dt>Commit</dt>
        <dd>{commit ? <Sha value={commit} testId="rebuild-commit" /> : 'unknown'}</dd>
      </dl>

      {setup ? (
        <RecipeFacts setup={setup} />
      ) : (
        <p className="rebuild-form__missing" data-testid="no-recipe">
          This project has no rebuild recipe. Add a <code>rebuild</code> section to its project.json
          to rebuild releases.
        </p>
      )}

      <div className="field field--check rebuild-form__check">
        <input
          id="rebuild-check-reproducible"
          type="checkbox"
          checked={checkReproducible}
          disabled={running}
          onChange={(event) => setCheckReproducible(event.target.checked)}
          aria-describedby="rebuild-check-reproducible-help"
        />
        <div>
          <label className="field__label" htmlFor="rebuild-check-reproducible">
            Check reproducibility (build twice, varied)
          </label>
          <p className="field__help" id="rebuild-check-reproducible-help">
            Builds a second time with another path, time zone, locale, umask and hostname, and
            compares the two. Takes about twice as long.
          </p>
        </div>
      </div>

      <div className="rebuild-form__actions">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={running || tag === null || setup === null ? true : undefined}
          data-testid="rebuild-button"
        >
          {running ? 'Rebuilding…' : 'Rebuild'}
        </button>
      </div>
    </form>
  );
}
