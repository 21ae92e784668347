import type { DetachedArtifact } from '../../../../shared/promote';
import { UntrustedText } from '../../components/UntrustedText';
import { formatByteSize } from '../../format/byteSize';
import { RefusalList } from './RefusalList';
import { ShortSha } from './ShortSha';

/** Files that are not Debian packages: listed in SHA256SUMS and signed beside it. */
export function DetachedArtifactList({ detached }: { detached: readonly DetachedArtifact[] }) {
  if (detached.length === 0) {
    return <p className="facts__aside">None: every artifact of this release is a package.</p>;
  }
  return (
    <ul className="promote-detached" data-testid="promote-detached">
      {detached.map((file) => (
        <li key={file.name} data-testid="promote-detached-file" data-name={file.name}>
          <code>
            <UntrustedText text={file.name} />
          </code>{' '}
          <span className="facts__aside">
            {formatByteSize(file.size)} · <UntrustedText text={file.evidence} />
          </span>
          <ShortSha value={file.sha256} of={file.name} />
          {file.refusals.length > 0 ? <RefusalList refusals={file.refusals} /> : null}
        </li>
      ))}
    </ul>
  );
}
