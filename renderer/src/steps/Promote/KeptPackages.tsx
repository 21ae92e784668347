import type { PromotionPlan } from '../../../../shared/promote';
import { UntrustedText } from '../../components/UntrustedText';

/** The packages apt-prod already serves and keeps serving, collapsed to their count. */
export function KeptPackages({ kept }: { kept: PromotionPlan['kept'] }) {
  if (kept.length === 0) return null;
  return (
    <details className="promote-kept" data-testid="promote-kept" data-count={kept.length}>
      <summary>
        {kept.length === 1
          ? '1 package apt-prod already serves is kept'
          : `${kept.length} packages apt-prod already serves are kept`}
      </summary>
      <ul>
        {kept.map((row) => (
          <li key={`${row.package}_${row.version}_${row.architecture}`}>
            <UntrustedText
              text={`${row.package} ${row.version} ${row.architecture} (${row.component})`}
            />
          </li>
        ))}
      </ul>
    </details>
  );
}
