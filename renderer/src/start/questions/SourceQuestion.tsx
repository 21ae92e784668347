import { useShallow } from 'zustand/react/shallow';
import { UntrustedText } from '../../components/UntrustedText';
import type { SourceInspection } from '../../../../shared/projectSetup';
import { useSetupStore } from '../setupStore';
import { Question } from './Question';
import { TextField } from './TextField';

const SHOWN_TAGS = 12;

/** What the source holds: its tags, its Debian source and version, the name read from it. */
function SourceFacts({ inspection }: { inspection: SourceInspection }) {
  const more = inspection.tags.length - SHOWN_TAGS;
  return (
    <dl className="setup-facts" data-testid="source-facts">
      <dt>Repository</dt>
      <dd>
        <code>
          <UntrustedText text={inspection.location} />
        </code>
        {inspection.kind === 'url' ? ' (a mirror Countersign keeps of the URL)' : ''}
      </dd>
      <dt>Tags found</dt>
      <dd data-testid="source-tag-count">
        {inspection.tags.length === 0 ? (
          'None: tag a release and sign it (git tag -s) before it can be verified.'
        ) : (
          <ul className="setup-tags" aria-label="Tags, newest first">
            {inspection.tags.slice(0, SHOWN_TAGS).map((tag) => (
              <li key={tag}>
                <code className="setup-tags__tag" data-testid="source-tag">
                  <UntrustedText text={tag} />
                </code>
              </li>
            ))}
            {more > 0 ? <li className="setup-tags__more">and {more} more</li> : null}
          </ul>
        )}
      </dd>
      <dt>Debian source</dt>
      <dd data-testid="source-debian">
        {inspection.debian ? (
          <>
            <UntrustedText text={inspection.debian.source} />{' '}
            <UntrustedText text={inspection.debian.version} /> (
            <UntrustedText text={inspection.debian.distribution} />)
          </>
        ) : (
          'No debian/changelog read.'
        )}
      </dd>
      <dt>Suggested name</dt>
      <dd>
        <UntrustedText text={inspection.suggestedName} />
      </dd>
      <dt>Recipe</dt>
      <dd data-testid="source-recipe-note">
        <UntrustedText text={inspection.recipeNote} />
      </dd>
    </dl>
  );
}

/** Question 1: the repository whose signed tags are released; "Check" reads it. */
export function SourceQuestion() {
  const { source, inspection, busy } = useSetupStore(
    useShallow((state) => ({
      source: state.source,
      inspection: state.inspection,
      busy: state.busy,
    })),
  );
  const setSource = useSetupStore((state) => state.setSource);
  const inspectSource = useSetupStore((state) => state.inspectSource);
  const checking = busy === 'source';

  return (
    <Question
      question="source"
      number={1}
      title="Source"
      intro="The repository whose signed tags you release: a local git repository, or a URL Countersign keeps a mirror of."
      onSubmit={() => void inspectSource()}
    >
      <div className="setup-row">
        <TextField
          id="setup-source"
          className="setup-row__grow"
          label="Repository path or URL"
          value={source}
          onChange={setSource}
          mono
          help="For example /home/you/src/hello, or https://salsa.debian.org/team/hello.git"
        />
        <button
          type="submit"
          className="button setup-row__button"
          aria-disabled={checking ? true : undefined}
          data-testid="check-source"
        >
          {checking ? 'Checking…' : 'Check'}
        </button>
      </div>
      <p className="setup-status" role="status">
        {inspection
          ? `Found ${inspection.tags.length} ${inspection.tags.length === 1 ? 'tag' : 'tags'}.`
          : ''}
      </p>
      {inspection ? <SourceFacts inspection={inspection} /> : null}
    </Question>
  );
}
