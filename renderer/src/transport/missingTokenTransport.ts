import type { AppError } from '../../../shared/errors';
import type { Transport } from './transport';
import { createValidatedClient } from './validatedClient';

const missingToken = (): AppError => ({
  code: 'UNAUTHORIZED',
  message: 'This page was opened without its session token, so it cannot reach Countersign.',
  hint: 'Open the full address `countersign serve` printed, including the part after #token=.',
});

/** Browser mode without a token: every call explains how to open the page properly. */
export function createMissingTokenTransport(): Transport {
  return {
    kind: 'browser',
    client: createValidatedClient(() => Promise.reject(new Error('no token')), missingToken),
    subscribeJobEvents(_onEvent, onStatus) {
      onStatus?.('unavailable');
      return () => {};
    },
  };
}
