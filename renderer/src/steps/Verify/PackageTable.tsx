import { UntrustedText } from '../../components/UntrustedText';
import type { SuiteVerification } from '../../../../shared/verify';
import { BROKEN_LINK_LABEL } from './verifyText';

/** Every package a suite's indexes list, and for a failed one the first link that does not hold. */
export function PackageTable({ suite }: { suite: SuiteVerification }) {
  if (suite.packages.length === 0) {
    return <p className="qa-suite__empty">This suite lists no package.</p>;
  }
  return (
    <div className="qa-table-wrap">
      <table className="data-table qa-table" data-testid="verify-repo-packages">
        <caption className="visually-hidden">Packages of this suite</caption>
        <thead>
          <tr>
            <th scope="col">Package</th>
            <th scope="col">Version</th>
            <th scope="col">Architecture</th>
            <th scope="col">Status</th>
            <th scope="col">What does not hold</th>
          </tr>
        </thead>
        <tbody>
          {suite.packages.map((pkg) => (
            <tr
              key={`${pkg.package} ${pkg.version} ${pkg.architecture} ${pkg.filename}`}
              data-testid="verify-repo-package"
              data-package={pkg.package}
              data-status={pkg.status}
              data-broken-link={pkg.brokenLink ?? ''}
            >
              <th scope="row">
                <UntrustedText text={pkg.package} />
              </th>
              <td>
                <UntrustedText text={pkg.version} />
              </td>
              <td>
                <UntrustedText text={pkg.architecture} />
              </td>
              <td>
                <span
                  className={`badge badge--${pkg.status === 'verified' ? 'succeeded' : 'failed'}`}
                >
                  {pkg.status}
                </span>
              </td>
              <td className="qa-table__problem">
                {pkg.status === 'failed' ? (
                  <>
                    {pkg.brokenLink ? (
                      <strong data-testid="verify-repo-broken-link">
                        {BROKEN_LINK_LABEL[pkg.brokenLink]}
                      </strong>
                    ) : null}
                    {pkg.problem ? (
                      <>
                        {pkg.brokenLink ? ': ' : null}
                        <UntrustedText text={pkg.problem} />
                      </>
                    ) : null}
                  </>
                ) : (
                  <span className="qa-table__none">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
