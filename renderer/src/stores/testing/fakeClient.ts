import type { Channel, CountersignClient, RequestOf, ResponseOf } from '../../../../shared/api';
import type { Outcome } from '../../../../shared/errors';

/** One call the fake engine received, and how the test answers it. */
export interface FakeCall {
  channel: Channel;
  request: unknown;
  answer: (outcome: unknown) => void;
}

/** A fake engine for store tests: records each request and answers it when the test says so. */
export function fakeClient(): { client: CountersignClient; calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  const client: CountersignClient = {
    invoke<C extends Channel>(channel: C, request: RequestOf<C>) {
      return new Promise<Outcome<ResponseOf<C>>>((resolve) => {
        calls.push({
          channel,
          request,
          answer: (outcome) => resolve(outcome as Outcome<ResponseOf<C>>),
        });
      });
    },
  };
  return { client, calls };
}
