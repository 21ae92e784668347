import type { Transport } from '../transport/transport';
import { fakeClient } from '../stores/testing/fakeClient';

/** A transport whose engine records each call and never answers, and whose job feed is silent. */
export function silentTransport(): Transport {
  return {
    kind: 'browser',
    client: fakeClient().client,
    subscribeJobEvents: () => () => {},
  };
}
