import type { TagVerdict } from '../../../../shared/tags';
import { UntrustedText } from '../../components/UntrustedText';

/** The answer, big: Verified or Refused, with one sentence saying what it means. */
export function VerdictBanner({ verdict }: { verdict: TagVerdict }) {
  const verified = verdict.verdict === 'verified';
  const count = verdict.problems.length;
  return (
    <div
      className={`verdict-banner verdict-banner--${verdict.verdict}`}
      data-testid="tag-verdict"
      data-verdict={verdict.verdict}
    >
      <span className="verdict-banner__icon" aria-hidden="true">
        {verified ? '✓' : '✕'}
      </span>
      <div className="verdict-banner__text">
        <p className="verdict-banner__state">{verified ? 'Verified' : 'Refused'}</p>
        <p className="verdict-banner__summary">
          {verified ? (
            <>
              Tag <UntrustedText text={verdict.tagName} /> is signed by a trusted key
              {verdict.signer ? (
                <>
                  {' '}
                  of <UntrustedText text={verdict.signer.userId} />
                </>
              ) : null}
              .
            </>
          ) : (
            <>
              Do not release tag <UntrustedText text={verdict.tagName} />:{' '}
              {count === 1 ? 'one problem' : `${count} problems`} below.
            </>
          )}
        </p>
      </div>
    </div>
  );
}
