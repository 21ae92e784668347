import type { TagVerdict } from '../../../../shared/tags';
import { DateTime } from '../../components/DateTime';
import { Sha } from '../../components/Sha';
import { UntrustedText } from '../../components/UntrustedText';

/** What the tag is and where it leads: names, object ids, tagger and message. */
export function TagFacts({ verdict }: { verdict: TagVerdict }) {
  const { tagger } = verdict;
  const renamed = verdict.tagHeaderName !== null && verdict.tagHeaderName !== verdict.tagName;
  return (
    <section className="facts" aria-labelledby="tag-facts-heading">
      <h3 className="facts__title" id="tag-facts-heading">
        Tag
      </h3>
      <dl className="facts__list">
        <dt>Tag name</dt>
        <dd data-testid="tag-name">
          <UntrustedText text={verdict.tagName} />
          {renamed ? (
            <span className="facts__caution">
              {' '}
              (the tag object calls itself <UntrustedText text={verdict.tagHeaderName ?? ''} />)
            </span>
          ) : null}
        </dd>

        <dt>Tag object</dt>
        <dd>{verdict.tagObject ? <Sha value={verdict.tagObject} /> : 'none (lightweight tag)'}</dd>

        <dt>Tagged object</dt>
        <dd>
          <Sha value={verdict.taggedObject.sha} />{' '}
          <span className="badge">
            <UntrustedText text={verdict.taggedObject.type} />
          </span>
        </dd>

        <dt>Commit</dt>
        <dd>
          {verdict.commit ? (
            <Sha value={verdict.commit} testId="tag-commit" />
          ) : (
            'none: the tag does not lead to a commit'
          )}
        </dd>

        <dt>Tagger</dt>
        <dd>
          {tagger ? (
            <>
              <UntrustedText text={`${tagger.name} <${tagger.email}>`} />
              <span className="facts__aside">
                As written in the tag: the signature, not this line, says who made it.
              </span>
            </>
          ) : (
            'not recorded'
          )}
        </dd>

        {tagger ? (
          <>
            <dt>Tagged on</dt>
            <dd>
              <DateTime iso={tagger.date} />
            </dd>
          </>
        ) : null}

        <dt>Message</dt>
        <dd>
          <pre className="tag-message" data-testid="tag-message">
            <UntrustedText text={verdict.message} />
          </pre>
        </dd>
      </dl>
    </section>
  );
}
