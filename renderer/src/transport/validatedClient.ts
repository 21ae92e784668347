import {
  channels,
  responseOutcomeSchema,
  type Channel,
  type CountersignClient,
  type RequestOf,
  type ResponseOf,
} from '../../../shared/api';
import type { AppError, Outcome } from '../../../shared/errors';
import { TransportFailure } from './transportFailure';
import type { RawInvoke } from './transport';

const failure = <T>(error: AppError): Outcome<T> => ({ ok: false, error });

/**
 * Wraps a raw transport in the contract: the request is checked against the
 * shared schema before it leaves, and the answer is trusted only once it
 * matches the channel's Outcome schema. Nothing here ever throws.
 */
export function createValidatedClient(
  send: RawInvoke,
  describeFailure: (error: unknown) => AppError,
): CountersignClient {
  return {
    async invoke<C extends Channel>(
      channel: C,
      request: RequestOf<C>,
    ): Promise<Outcome<ResponseOf<C>>> {
      const checked = channels[channel].request.safeParse(request);
      if (!checked.success) {
        const first = checked.error.issues[0];
        const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
        return failure({
          code: 'INVALID_REQUEST',
          message: `This request is not valid: ${where}${first?.message ?? 'unknown problem'}.`,
          hint: 'Correct the highlighted field and try again.',
        });
      }

      let raw: unknown;
      try {
        raw = await send(channel, checked.data);
      } catch (error) {
        return failure(error instanceof TransportFailure ? error.appError : describeFailure(error));
      }

      const answer = responseOutcomeSchema(channel).safeParse(raw);
      if (!answer.success) {
        return failure({
          code: 'INVALID_RESPONSE',
          message: `Countersign's engine answered "${channel}" with data this window does not understand, so it was not used.`,
          hint: 'The window and the engine may be different versions. Restart Countersign; if it happens again, report it.',
        });
      }
      return answer.data as Outcome<ResponseOf<C>>;
    },
  };
}
