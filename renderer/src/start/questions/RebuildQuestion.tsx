import { useShallow } from 'zustand/react/shallow';
import { UntrustedText } from '../../components/UntrustedText';
import { recipeFromDraft, type RecipeDraft } from '../setupAnswers';
import { useSetupStore } from '../setupStore';
import { Question } from './Question';
import { TextField } from './TextField';

/** Question 4: the recipe a release is rebuilt with, as detected, each part editable. */
export function RebuildQuestion() {
  const { recipe, inspection } = useSetupStore(
    useShallow((state) => ({ recipe: state.recipe, inspection: state.inspection })),
  );
  const setRecipe = useSetupStore((state) => state.setRecipe);
  const detected = inspection?.recipe ?? null;
  const set = (part: Partial<RecipeDraft>) => setRecipe(part);

  return (
    <Question
      question="rebuild"
      number={4}
      title="Rebuild recipe"
      intro={
        inspection
          ? detected
            ? 'Detected from the source. Check the base suite: the rebuild starts from it.'
            : 'No recipe was detected (no debian/ folder): write the command that builds a release.'
          : 'Check the source first: the recipe is read from it.'
      }
    >
      {inspection ? (
        <p className="setup-note" data-testid="recipe-note">
          <UntrustedText text={inspection.recipeNote} />
        </p>
      ) : null}
      <div className="field field--check">
        <input
          id="setup-recipe-enabled"
          type="checkbox"
          checked={recipe.enabled}
          onChange={(event) => set({ enabled: event.target.checked })}
          aria-describedby="setup-recipe-enabled-help"
        />
        <div>
          <label className="field__label" htmlFor="setup-recipe-enabled">
            Write this recipe into the project
          </label>
          <p className="field__help" id="setup-recipe-enabled-help">
            Without a recipe the Rebuild step cannot run until one is added to project.json.
          </p>
        </div>
      </div>
      {recipe.enabled ? (
        <div className="setup-recipe">
          <div className="setup-grid">
            <div className="field">
              <label className="field__label" htmlFor="setup-recipe-preset">
                Preset
              </label>
              <select
                id="setup-recipe-preset"
                className="field__control"
                value={recipe.preset}
                onChange={(event) =>
                  set({ preset: event.target.value === 'custom' ? 'custom' : 'debian' })
                }
              >
                <option value="debian">Debian: build-dep, then dpkg-buildpackage -b</option>
                <option value="custom">Custom command</option>
              </select>
            </div>
            <div className="field">
              <label className="field__label" htmlFor="setup-recipe-base-kind">
                Base
              </label>
              <select
                id="setup-recipe-base-kind"
                className="field__control"
                value={recipe.baseKind}
                onChange={(event) =>
                  set({ baseKind: event.target.value === 'image' ? 'image' : 'bootstrap' })
                }
              >
                <option value="bootstrap">A Debian suite Countersign bootstraps</option>
                <option value="image">An image pinned by digest</option>
              </select>
            </div>
            {recipe.baseKind === 'bootstrap' ? (
              <>
                <TextField
                  id="setup-recipe-suite"
                  label="Base suite"
                  value={recipe.suite}
                  onChange={(suite) => set({ suite })}
                  mono
                  help="The Debian suite the release was built for, e.g. bookworm."
                />
                <TextField
                  id="setup-recipe-packages"
                  label="Extra packages in the base"
                  optional
                  value={recipe.packages}
                  onChange={(packages) => set({ packages })}
                  mono
                  help="Separated by spaces, e.g. debhelper; build-essential is always there."
                />
                <TextField
                  id="setup-recipe-mirror"
                  label="Mirror"
                  optional
                  value={recipe.mirror}
                  onChange={(mirror) => set({ mirror })}
                  mono
                  help="Default: this machine’s apt sources."
                />
                <TextField
                  id="setup-recipe-snapshot"
                  label="Snapshot date"
                  optional
                  value={recipe.snapshot}
                  onChange={(snapshot) => set({ snapshot })}
                  mono
                  help="An ISO date of snapshot.debian.org, for a base that never changes."
                />
              </>
            ) : (
              <TextField
                id="setup-recipe-image"
                className="setup-grid__wide"
                label="Base image"
                value={recipe.image}
                onChange={(image) => set({ image })}
                mono
                help="name@sha256:… — pinned by digest, so every rebuild starts from the same bytes."
              />
            )}
            {recipe.preset === 'custom' ? (
              <>
                <TextField
                  id="setup-recipe-command"
                  className="setup-grid__wide"
                  label="Build command"
                  value={recipe.command}
                  onChange={(command) => set({ command })}
                  mono
                  help="Run in the source folder as an unprivileged user, network off."
                />
                <TextField
                  id="setup-recipe-prepare"
                  className="setup-grid__wide"
                  label="Prepare command"
                  optional
                  value={recipe.prepare}
                  onChange={(prepare) => set({ prepare })}
                  mono
                  help="Run as root with network before the build: install dependencies."
                />
              </>
            ) : null}
            <TextField
              id="setup-recipe-artifacts"
              className="setup-grid__wide"
              label="Artifacts"
              value={recipe.artifacts}
              onChange={(artifacts) => set({ artifacts })}
              mono
              help="File name patterns (* and ?), separated by spaces, matched where the build writes."
            />
          </div>
          <details className="setup-preview">
            <summary>As project.json will hold it</summary>
            <pre data-testid="recipe-preview">
              {JSON.stringify(recipeFromDraft(recipe), null, 2)}
            </pre>
          </details>
        </div>
      ) : null}
    </Question>
  );
}
