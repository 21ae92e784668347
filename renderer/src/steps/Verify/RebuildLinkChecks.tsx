import { UntrustedText } from '../../components/UntrustedText';
import type { RebuildLinksCheck } from '../../../../shared/verify';
import { ProblemList } from './ProblemList';

/**
 * apt-prod as Debian's apt-transport-in-toto judges it before installing:
 * the layout, then per package how many rebuilders vouch for its bytes, and
 * why apt would refuse the ones too few vouch for.
 */
export function RebuildLinkChecks({ rebuilds }: { rebuilds: RebuildLinksCheck | null }) {
  if (rebuilds === null) return null;
  const verified = rebuilds.status === 'verified';
  return (
    <div className="qa-findings" data-testid="verify-repo-rebuilds" data-status={rebuilds.status}>
      <h3 className="facts__title">
        Rebuild links for apt-transport-in-toto{' '}
        <span className={`badge badge--${verified ? 'succeeded' : 'failed'}`}>
          {rebuilds.status}
        </span>
      </h3>
      <p>
        {rebuilds.threshold === 1
          ? 'One rebuilder must vouch for each package’s bytes'
          : `${rebuilds.threshold} rebuilders must agree on each package’s bytes`}
        {rebuilds.expires ? `; the layout expires ${rebuilds.expires}` : ''}.
      </p>
      <ProblemList
        problems={rebuilds.layoutProblems}
        label="Layout problems"
        testId="verify-repo-layout-problem"
      />
      <ul className="qa-list" aria-label="Packages as apt would judge them">
        {rebuilds.packages.map((pkg) => (
          <li
            key={`${pkg.package} ${pkg.version} ${pkg.architecture}`}
            data-testid="verify-repo-rebuild"
            data-package={pkg.package}
            data-status={pkg.status}
            className={pkg.status === 'verified' ? undefined : 'qa-problem'}
          >
            <code>
              <UntrustedText text={`${pkg.package} ${pkg.version} ${pkg.architecture}`} />
            </code>{' '}
            {pkg.status === 'verified' ? (
              `vouched for by ${pkg.vouchedBy.length === 1 ? '1 rebuilder' : `${pkg.vouchedBy.length} rebuilders`}`
            ) : (
              <>
                apt would refuse it: <UntrustedText text={pkg.problem ?? ''} />
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
