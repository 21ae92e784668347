import type { ReleaseStep } from '../../../shared/doctor';
import type { ReleaseState } from '../../../shared/releases';
import { formatUtc } from '../format/dateTime';

/** Done, done with something wrong (not reproducible, verification failed), or not yet. */
export type BadgeTone = 'done' | 'problem' | 'pending';

/** One step of a release as a compact badge: its text says the state, never its colour alone. */
export interface StepBadge {
  step: ReleaseStep;
  label: string;
  /** The longer account, with the date, for the badge's tooltip and accessible description. */
  detail: string;
  tone: BadgeTone;
}

const day = (iso: string) => formatUtc(iso).slice(0, 10);
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The six steps of a release as badges, in the order of the walk. */
export function releaseBadges(release: ReleaseState): StepBadge[] {
  const { tagVerified, rebuilt, compared, reviewed, promoted, verified } = release;
  const pending = (step: ReleaseStep, label: string): StepBadge => ({
    step,
    label,
    detail: label,
    tone: 'pending',
  });
  const comparedLabel = compared
    ? [
        `${compared.identical} identical`,
        compared.differ > 0 ? plural(compared.differ, 'differs', 'differ') : '',
        // Built by CI from no source the rebuild made: the warning this tool exists for.
        compared.onlyCi > 0 ? `⚠ ${compared.onlyCi} only in CI` : '',
        compared.onlyLocal > 0 ? `${compared.onlyLocal} only in the rebuild` : '',
      ]
        .filter(Boolean)
        .join(', ')
    : '';
  return [
    tagVerified
      ? {
          step: 'tag',
          label: 'Verified',
          detail: `Tag verified ${formatUtc(tagVerified.at)}${tagVerified.signer ? `, signed by ${tagVerified.signer}` : ''}`,
          tone: 'done',
        }
      : pending('tag', 'Not verified'),
    rebuilt
      ? {
          step: 'rebuild',
          label:
            rebuilt.reproducible === null
              ? 'Rebuilt'
              : rebuilt.reproducible
                ? 'Reproducible'
                : 'Not reproducible',
          detail: `Rebuilt ${formatUtc(rebuilt.at)}: ${plural(rebuilt.artifacts, 'artifact', 'artifacts')}${rebuilt.reproducible === null ? ', reproducibility not checked' : ''}`,
          tone: rebuilt.reproducible === false ? 'problem' : 'done',
        }
      : pending('rebuild', 'Not rebuilt'),
    compared
      ? {
          step: 'compare',
          label: comparedLabel,
          detail: `Compared ${formatUtc(compared.at)}: ${compared.identical} identical, ${compared.differ} differ, ${compared.onlyCi} only in CI, ${compared.onlyLocal} only in the rebuild`,
          tone: compared.onlyCi > 0 ? 'problem' : 'done',
        }
      : pending('compare', 'Not compared'),
    !reviewed
      ? pending('review', 'Not reviewed')
      : reviewed.total === 0
        ? {
            step: 'review',
            label: 'Nothing to review',
            detail: 'No artifact differs',
            tone: 'done',
          }
        : {
            step: 'review',
            label: `${reviewed.decided} of ${reviewed.total} decided`,
            detail: `${reviewed.decided} of ${plural(reviewed.total, 'differing artifact', 'differing artifacts')} have every difference decided`,
            tone: reviewed.decided === reviewed.total ? 'done' : 'pending',
          },
    promoted
      ? {
          step: 'promote',
          label: `Promoted ${day(promoted.at)}`,
          detail: `Promoted ${formatUtc(promoted.at)} to ${promoted.to}`,
          tone: 'done',
        }
      : pending('promote', 'Not promoted'),
    verified
      ? {
          step: 'verify',
          label: `${verified.passed ? 'Verified' : 'Failed'} ${day(verified.at)}`,
          detail: `apt-prod ${verified.passed ? 'verified' : 'failed verification'} ${formatUtc(verified.at)}`,
          tone: verified.passed ? 'done' : 'problem',
        }
      : pending('verify', 'Not verified'),
  ];
}
