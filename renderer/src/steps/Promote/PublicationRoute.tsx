import { UntrustedText } from '../../components/UntrustedText';
import { usePromoteStore } from './promoteStore';
import { useReleaseStore } from '../../stores/releaseStore';
import { PublicationSummary } from './PublicationSummary';
import { RollbackControl } from './RollbackControl';
import { WithdrawControl } from './WithdrawControl';

/**
 * Where the release goes: from apt-test to apt-prod, and what apt-prod serves
 * now and served before. The rollback sits here unless a publication of this
 * window's is shown below (it sits there then).
 */
export function PublicationRoute({ tag }: { tag: string }) {
  const plan = usePromoteStore((state) =>
    state.planning.tag === tag ? state.planning.plan : null,
  );
  const ciSource = useReleaseStore((state) => state.project?.ci?.source ?? null);
  const aptProd = useReleaseStore((state) => state.project?.aptProd?.location ?? null);
  const resultShown = usePromoteStore((state) => state.publication.result?.plan.tag === tag);
  const from = plan?.from ?? ciSource;
  const to = plan?.to ?? aptProd;

  return (
    <section className="panel promote-route" aria-labelledby="promote-heading">
      <div className="panel__header">
        <h2 className="panel__title" id="promote-heading">
          Sign and promote <span data-testid="promote-tag">{tag}</span>
        </h2>
      </div>
      <p className="panel__intro">
        Only packages whose bytes are the ones compared and reviewed, identical to the rebuild or
        with every difference accepted, are copied to apt-prod. The new Release is signed with the
        release key, and apt-prod switches to it in one step.
      </p>
      <dl className="facts__list promote-route__facts">
        <dt>From (apt-test)</dt>
        <dd>
          <code data-testid="promote-from">
            <UntrustedText text={from ?? 'not configured'} />
          </code>
        </dd>
        <dt>To (apt-prod)</dt>
        <dd>
          {to === null ? (
            <span className="facts__caution" data-testid="promote-no-apt-prod">
              This project publishes nowhere yet. Add an <code>aptProd</code> section with a{' '}
              <code>path</code> to its project.json.
            </span>
          ) : (
            <code data-testid="promote-to">
              <UntrustedText text={to} />
            </code>
          )}
        </dd>
        <dt>Serving now</dt>
        <dd>
          {plan?.current ? (
            <PublicationSummary publication={plan.current} testId="promote-current" />
          ) : (
            <span data-testid="promote-current-none">
              {plan ? 'Nothing yet: this is its first publication.' : '…'}
            </span>
          )}
        </dd>
        <dt>Before that</dt>
        <dd>
          {plan?.previous ? (
            <PublicationSummary publication={plan.previous} testId="promote-previous" />
          ) : (
            <span>{plan ? 'No earlier publication.' : '…'}</span>
          )}
        </dd>
      </dl>
      {plan && !resultShown && plan.current ? (
        <RollbackControl tag={tag} previous={plan.previous} />
      ) : null}
      {plan?.current ? <WithdrawControl tag={tag} /> : null}
    </section>
  );
}
