import type { PlannedChange } from '../../../../shared/promote';
import { UntrustedText } from '../../components/UntrustedText';
import { formatByteSize } from '../../format/byteSize';
import { CHANGE_ICON, CHANGE_LABEL, describeChange } from './changeText';
import { ShortSha } from './ShortSha';
import { StatusMark } from './StatusMark';

/** What apt-prod gains, one line per package: added, replacing x → y, a downgrade, or unchanged. */
export function ChangeList({
  changes,
  testId,
}: {
  changes: readonly PlannedChange[];
  testId: string;
}) {
  if (changes.length === 0) {
    return (
      <p className="facts__aside" data-testid={`${testId}-none`}>
        No package changes.
      </p>
    );
  }
  return (
    <ul className="promote-changes" data-testid={testId}>
      {changes.map((change) => (
        <li
          key={`${change.package}_${change.architecture}_${change.version}`}
          className="promote-change"
          data-testid="promote-change"
          data-action={change.action}
          data-package={change.package}
        >
          <StatusMark icon={CHANGE_ICON[change.action]} tone={`promote-change--${change.action}`}>
            {CHANGE_LABEL[change.action]}
          </StatusMark>
          <span className="promote-change__text">
            <UntrustedText text={describeChange(change)} />
            <span className="facts__aside">
              <UntrustedText text={`${change.component} · ${change.poolPath}`} /> ·{' '}
              {formatByteSize(change.size)} · <UntrustedText text={change.evidence} />
            </span>
          </span>
          <ShortSha value={change.sha256} of={`${change.package} ${change.version}`} />
        </li>
      ))}
    </ul>
  );
}
