/**
 * Step 5, Promote: approved packages signed with the release key and published
 * from apt-test to apt-prod, atomically. The front door: transports, other
 * steps, benchmarks and fixtures import from here.
 */
export { preparePromotion, type PreparedPromotion } from './planPromotion';
export { runPromotion } from './runPromotion';
export { rollbackRelease } from './rollbackRelease';
export { withdrawPackage } from './withdrawPackage';
export type { PromotionSources, ProdSettings, WithdrawalSources } from './promotionSources';
export {
  aptProdRootOf,
  projectReleaseKey,
  projectWithdrawalSources,
  promotionSetup,
} from './projectPromotion';
export {
  resolvePromotionSources,
  resolveRollback,
  resolveWithdrawal,
  type PromotionOptions,
} from './resolvePromotionSources';
export { createPromoteHandlers } from './promoteHandlers';
export { publishRebuildsAgain } from './publishRebuildsAgain';
