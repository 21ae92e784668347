import { jobEventSchema, type JobEvent } from '../../../shared/jobs';

/** Accepts a pushed job event only if it matches the contract; anything else is dropped. */
export function parseJobEvent(raw: unknown): JobEvent | null {
  const parsed = jobEventSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  console.warn('Countersign: dropped a job event that does not match the contract.');
  return null;
}
