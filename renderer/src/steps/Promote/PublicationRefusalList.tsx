import type { PromotionPlan } from '../../../../shared/promote';
import { UntrustedText } from '../../components/UntrustedText';
import { RefusalList } from './RefusalList';

/** Chosen packages that apt-prod cannot take (a pool conflict, a version not newer). */
export function PublicationRefusalList({
  refusals,
}: {
  refusals: PromotionPlan['publicationRefusals'];
}) {
  if (refusals.length === 0) return null;
  return (
    <ul className="promote-publication-refusals" data-testid="promote-publication-refusals">
      {refusals.map((refusal) => (
        <li key={`${refusal.package}_${refusal.version}_${refusal.architecture}_${refusal.code}`}>
          <strong>
            <UntrustedText text={`${refusal.package} ${refusal.version} ${refusal.architecture}`} />
          </strong>
          <RefusalList refusals={[refusal]} />
        </li>
      ))}
    </ul>
  );
}
