import type { PlannedRelease } from '../../../../shared/promote';
import { DateTime } from '../../components/DateTime';
import { UntrustedText } from '../../components/UntrustedText';
import { formatByteSize } from '../../format/byteSize';
import { ShortSha } from './ShortSha';

/** The new Release before it is signed: its fields, and the files it vouches for (collapsed). */
export function PlannedReleaseFacts({ release }: { release: PlannedRelease }) {
  const fields: [string, string][] = [
    ['Origin', release.origin],
    ['Label', release.label],
    ['Suite', release.suite],
    ['Codename', release.codename],
    ['Architectures', release.architectures.join(' ')],
    ['Components', release.components.join(' ')],
    ['Acquire-By-Hash', release.acquireByHash ? 'yes' : 'no'],
  ];
  return (
    <div className="promote-release" data-testid="promote-release">
      <dl className="facts__list">
        {fields.map(([name, value]) => (
          <div key={name} className="promote-release__field">
            <dt>{name}</dt>
            <dd>
              <UntrustedText text={value} />
            </dd>
          </div>
        ))}
        <div className="promote-release__field">
          <dt>Date</dt>
          <dd>
            <DateTime iso={release.date} />
          </dd>
        </div>
        <div className="promote-release__field">
          <dt>Valid-Until</dt>
          <dd>{release.validUntil ? <DateTime iso={release.validUntil} /> : 'not set'}</dd>
        </div>
      </dl>
      <details className="promote-release__files">
        <summary>
          {release.files.length === 1 ? '1 file' : `${release.files.length} files`} listed with
          their SHA-256
        </summary>
        <ul>
          {release.files.map((file) => (
            <li key={file.path} data-testid="promote-release-file">
              <code>
                <UntrustedText text={file.path} />
              </code>{' '}
              <span className="facts__aside">{formatByteSize(file.size)}</span>
              <ShortSha value={file.sha256} of={file.path} />
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
