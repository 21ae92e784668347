import { memo } from 'react';
import { CI_ONLY_PHRASE } from '../../../../shared/artifactCounts';
import type { CompareResult } from '../../../../shared/compare';
import { Sha } from '../../components/Sha';
import { UntrustedText } from '../../components/UntrustedText';
import { formatByteSize } from '../../format/byteSize';
import { formatCount } from '../../format/count';

/** Listed here at most; the table's "only in CI" filter shows them all. */
export const CI_ONLY_LISTED = 20;

/**
 * What only CI built, raised as the supply-chain warning it is rather than
 * one status among four: a package CI published that the tagged source does
 * not build may have been slipped into CI's build. Each is listed with the way
 * to inspect what it holds.
 */
export const CiOnlyWarning = memo(function CiOnlyWarning({
  result,
  onInspect,
}: {
  result: CompareResult;
  onInspect: (key: string) => void;
}) {
  const rows = result.artifacts.filter((row) => row.status === 'only-ci');
  if (rows.length === 0) return null;
  const one = rows.length === 1;
  const listed = rows.slice(0, CI_ONLY_LISTED);
  return (
    <section
      className="ci-only-warning"
      aria-labelledby="ci-only-warning-heading"
      data-testid="ci-only-warning"
      data-count={rows.length}
    >
      <h3 className="ci-only-warning__title" id="ci-only-warning-heading">
        <span className="ci-only-warning__icon" aria-hidden="true">
          ⚠
        </span>
        {formatCount(rows.length)} {one ? 'package' : 'packages'} {CI_ONLY_PHRASE}
      </h3>
      <p className="ci-only-warning__text">
        CI published {one ? 'this package' : 'these packages'}, but the tagged source does not build{' '}
        {one ? 'it' : 'them'}: nothing vouches for {one ? 'its' : 'their'} bytes, and{' '}
        {one ? 'it' : 'they'} may have been slipped into CI’s build. {one ? 'It is' : 'They are'}{' '}
        never approved and never promoted. Inspect what {one ? 'it holds' : 'each holds'}, and ask
        who added {one ? 'it' : 'them'} to CI before trusting anything else CI published.
      </p>
      <ul className="ci-only-warning__list">
        {listed.map((row) => {
          const deb = row.ci?.deb;
          return (
            <li
              key={row.key}
              className="ci-only-warning__item"
              data-testid="ci-only-item"
              data-key={row.key}
              data-package={deb?.package}
            >
              <div className="ci-only-warning__what">
                <strong className="ci-only-warning__name">
                  <UntrustedText text={row.name} />
                </strong>
                {deb ? (
                  <span className="ci-only-warning__identity">
                    <UntrustedText text={`${deb.package} ${deb.version} ${deb.architecture}`} />
                  </span>
                ) : null}
                {row.ci ? (
                  <span className="ci-only-warning__hash">
                    {formatByteSize(row.ci.size)}, SHA-256 <Sha value={row.ci.sha256} />
                  </span>
                ) : null}
              </div>
              <button
                type="button"
                className="button"
                data-testid="ci-only-inspect"
                onClick={() => onInspect(row.key)}
              >
                Inspect its contents
              </button>
            </li>
          );
        })}
      </ul>
      {rows.length > listed.length ? (
        <p className="ci-only-warning__text" data-testid="ci-only-more">
          {formatCount(rows.length - listed.length)} more: show them with “only in CI” below.
        </p>
      ) : null}
    </section>
  );
});
