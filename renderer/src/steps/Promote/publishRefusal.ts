import type { AppError } from '../../../../shared/errors';

/**
 * What a refused publication asks of the user: the passphrase again (the
 * prompt stays, with the engine's words), a look at the new plan (apt-test,
 * apt-prod, the review or the key changed since the plan was shown), or
 * whatever the engine's hint says.
 */
export type PublishRefusal = 'passphrase' | 'replan' | 'other';

export function publishRefusalOf(error: AppError): PublishRefusal {
  if (error.code === 'WRONG_PASSPHRASE') return 'passphrase';
  if (error.code === 'PLAN_CHANGED') return 'replan';
  return 'other';
}
