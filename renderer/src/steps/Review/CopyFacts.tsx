import type { ArtifactCopy } from '../../../../shared/compare';
import { Sha } from '../../components/Sha';
import { UntrustedText } from '../../components/UntrustedText';
import { formatByteSize } from '../../format/byteSize';

/** One side's copy of an artifact in full: path, size, SHA-256 and package identity. */
export function CopyFacts({
  title,
  copy,
  missing,
  testId,
}: {
  title: string;
  copy: ArtifactCopy | null;
  missing: string;
  testId: string;
}) {
  return (
    <section className="facts" data-testid={testId}>
      <h3 className="facts__title">{title}</h3>
      {copy === null ? (
        <p className="facts__caution" data-testid={`${testId}-missing`}>
          {missing}
        </p>
      ) : (
        <dl className="facts__list">
          <dt>Path</dt>
          <dd>
            <code>
              <UntrustedText text={copy.path} />
            </code>
          </dd>
          <dt>Size</dt>
          <dd data-testid={`${testId}-size`} data-bytes={copy.size}>
            {formatByteSize(copy.size)}
            {copy.size >= 1024 ? <span className="facts__aside">{copy.size} bytes</span> : null}
          </dd>
          <dt>SHA-256</dt>
          <dd>
            <Sha value={copy.sha256} testId={`${testId}-sha`} />
          </dd>
          {copy.deb ? (
            <>
              <dt>Package</dt>
              <dd>
                <UntrustedText
                  text={`${copy.deb.package} ${copy.deb.version} ${copy.deb.architecture}`}
                />
              </dd>
            </>
          ) : null}
        </dl>
      )}
    </section>
  );
}
