import type { RebuildSetup } from '../../../../shared/rebuild';
import { UntrustedText } from '../../components/UntrustedText';

/** The project's rebuild recipe as a release manager checks it: base, preset, what is kept. */
export function RecipeFacts({ setup }: { setup: RebuildSetup }) {
  const { recipe } = setup;
  const { base } = recipe;
  const env = Object.entries(recipe.env);
  return (
    <section className="facts rebuild-recipe" aria-labelledby="rebuild-recipe-heading">
      <h3 className="facts__title" id="rebuild-recipe-heading">
        Recipe
      </h3>
      <dl className="facts__list">
        <dt>Base</dt>
        <dd data-testid="recipe-base">
          {base.kind === 'bootstrap' ? (
            <>
              Debian <UntrustedText text={base.suite} />, bootstrapped by Countersign
              {base.snapshot ? (
                <>
                  {' '}
                  from the snapshot of <UntrustedText text={base.snapshot} />
                </>
              ) : null}
              {base.packages.length > 0 ? (
                <span className="facts__aside">
                  With <code>{base.packages.join(' ')}</code>
                </span>
              ) : null}
              {base.mirror ? (
                <span className="facts__aside">
                  Mirror <UntrustedText text={base.mirror} />
                </span>
              ) : null}
            </>
          ) : (
            <>
              Pinned image <code className="sha">{base.image}</code>
            </>
          )}
        </dd>

        <dt>Image</dt>
        <dd>
          <code className="sha" data-testid="recipe-image">
            {setup.image}
          </code>
        </dd>

        <dt>Preset</dt>
        <dd>
          {recipe.preset === 'debian' ? (
            <>
              Debian: build dependencies from <code>debian/control</code>, then{' '}
              <code>dpkg-buildpackage -us -uc -b</code>
            </>
          ) : (
            <>
              Custom: <code>{recipe.command ?? '(no command)'}</code>
            </>
          )}
        </dd>

        <dt>Artifacts</dt>
        <dd>
          <code>{recipe.artifacts.join('  ')}</code>
        </dd>

        <dt>Environment</dt>
        <dd>
          {env.length === 0 ? (
            'nothing added'
          ) : (
            <ul className="rebuild-recipe__env">
              {env.map(([name, value]) => (
                <li key={name}>
                  <code>
                    {name}={value}
                  </code>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </section>
  );
}
