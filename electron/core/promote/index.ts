/**
 * Step 5, Promote: approved packages signed with the release key and published
 * from apt-test to apt-prod, atomically. The front door: transports, other
 * steps, benchmarks and fixtures import from here.
 */
export { preparePromotion, type PreparedPromotion } from './planPromotion';
export { runPromotion } from './runPromotion';
export { rollbackRelease } from './rollbackRelease';
export type { PromotionSources, ProdSettings } from './promotionSources';
export { aptProdRootOf, projectReleaseKey, promotionSetup } from './projectPromotion';
export {
  resolvePromotionSources,
  resolveRollback,
  type PromotionOptions,
} from './resolvePromotionSources';
export { createPromoteHandlers } from './promoteHandlers';
