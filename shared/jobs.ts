import { z } from 'zod';
import { appErrorSchema } from './errors';

export const JOB_KINDS = [
  'verify-tag',
  'import-signer',
  'rebuild',
  'compare',
  'diffoscope',
  'promote-plan',
  'promote',
  'verify-repo',
  'setup',
  'fetch',
] as const;
export const jobKindSchema = z.enum(JOB_KINDS);
export type JobKind = z.infer<typeof jobKindSchema>;

export const jobStateSchema = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
export type JobState = z.infer<typeof jobStateSchema>;

export const jobProgressSchema = z.object({
  done: z.number(),
  total: z.number(),
  unit: z.enum(['steps', 'bytes', 'files']),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

/** One update of long-running work, pushed to whichever UI is listening. */
export const jobEventSchema = z.object({
  jobId: z.string(),
  kind: jobKindSchema,
  title: z.string(),
  phase: z.string(),
  progress: jobProgressSchema.nullable(),
  log: z.string().optional(),
  state: jobStateSchema,
  error: appErrorSchema.optional(),
  at: z.string(),
});
export type JobEvent = z.infer<typeof jobEventSchema>;
