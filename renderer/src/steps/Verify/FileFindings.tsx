import { UntrustedText } from '../../components/UntrustedText';
import type { RepositoryVerification } from '../../../../shared/verify';

/** Files in apt-prod that nothing lists, and whatever else fits no check. */
export function FileFindings({
  extraFiles,
  unexpected,
}: Pick<RepositoryVerification, 'extraFiles' | 'unexpected'>) {
  return (
    <div className="qa-findings">
      <h3 className="facts__title">Other files</h3>
      {extraFiles === null ? (
        <p data-testid="verify-repo-extra-unknown">
          apt-prod could not be listed, so files nobody references were not looked for.
        </p>
      ) : extraFiles.length === 0 ? (
        <p data-testid="verify-repo-extra-none">No file in pool/ or dists/ is left unlisted.</p>
      ) : (
        <>
          <p>Files no index or Release lists (nobody vouches for them):</p>
          <ul className="qa-list" aria-label="Files nobody lists">
            {extraFiles.map((file) => (
              <li key={file} data-testid="verify-repo-extra-file">
                <code>
                  <UntrustedText text={file} />
                </code>
              </li>
            ))}
          </ul>
        </>
      )}
      {unexpected.length > 0 ? (
        <ul className="qa-list" aria-label="Unexpected findings">
          {unexpected.map((item, index) => (
            <li key={index} className="qa-problem" data-testid="verify-repo-unexpected">
              <UntrustedText text={item.what} />: <UntrustedText text={item.problem} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
