import type { ArtifactStatus } from '../../../shared/compare';
import { STATUS_ICON, STATUS_LABEL } from '../format/artifactStatus';

/** A row's status as an icon and its word; colour only repeats what the text says. */
export function ArtifactStatusLabel({ status }: { status: ArtifactStatus }) {
  return (
    <span className={`status-label artifact-status--${status}`}>
      <span className="status-label__icon" aria-hidden="true">
        {STATUS_ICON[status]}
      </span>
      {STATUS_LABEL[status]}
    </span>
  );
}
