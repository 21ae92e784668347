import type { PromotionPlan, PublicationRefusalCode } from '../../../../shared/promote';

/**
 * The publication refusal that "allow downgrade" lifts: the version is older
 * than the one apt-prod serves (the engine's code, electron/core/apt/publish).
 */
export const DOWNGRADE_REFUSAL: PublicationRefusalCode = 'VERSION_NOT_NEWER';

export function isDowngradeRefusal(refusal: { code: string }): boolean {
  return refusal.code === DOWNGRADE_REFUSAL;
}

/**
 * Whether to offer "Allow downgrade": only when a selected package is refused
 * for being older than apt-prod's, or while it is on (so it can be turned off).
 */
export function offersDowngrade(plan: PromotionPlan, allowDowngrade: boolean): boolean {
  return (
    allowDowngrade ||
    plan.publicationRefusals.some(isDowngradeRefusal) ||
    plan.changes.some((change) => change.action === 'downgrade')
  );
}
