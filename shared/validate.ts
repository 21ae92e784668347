import type { z } from 'zod';
import { CountersignError } from './errors';
import { channels, isChannel, type Channel, type RequestOf } from './api';

/** Formats a schema failure as one line a person can read (no internals). */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`)
    .join('; ');
}

/**
 * Checks that a message names a known channel and carries a valid request for
 * it. Every transport calls this before anything reaches the core.
 */
export function validateRequest(
  channel: string,
  payload: unknown,
): { channel: Channel; request: RequestOf<Channel> } {
  if (!isChannel(channel)) {
    throw new CountersignError(
      'UNKNOWN_CHANNEL',
      `There is no operation called "${channel.slice(0, 80)}".`,
    );
  }
  const parsed = channels[channel].request.safeParse(payload ?? {});
  if (!parsed.success) {
    throw new CountersignError(
      'INVALID_REQUEST',
      `The request was not valid: ${describeIssues(parsed.error)}.`,
    );
  }
  return { channel, request: parsed.data };
}
