import { afterEach, vi } from 'vitest';
import type { Channel, CountersignClient, RequestOf, ResponseOf } from '../../../../shared/api';
import type { AppError, Outcome } from '../../../../shared/errors';
import { useMachineStore } from '../../stores/machineStore';
import { activeTransport } from '../../transport/activeTransport';
import { useSetupStore } from '../setupStore';
import { useStartStore } from '../startStore';

/** How the fake engine answers each channel; a channel left out never answers. */
export type EngineScript = {
  [C in Channel]?: (request: RequestOf<C>) => Outcome<ResponseOf<C>>;
};

export interface EngineCall {
  channel: Channel;
  request: unknown;
}

/**
 * Makes the window's client (the component setup's silent one) answer as the
 * script says, recording every call, so a test drives a component against a
 * fake engine. Undone after each test.
 */
export function scriptEngine(script: EngineScript): EngineCall[] {
  const calls: EngineCall[] = [];
  const invoke = (channel: Channel, request: unknown) => {
    calls.push({ channel, request });
    const answer = script[channel] as ((request: unknown) => Outcome<unknown>) | undefined;
    return answer ? Promise.resolve(answer(request)) : new Promise<never>(() => {});
  };
  vi.spyOn(activeTransport.client, 'invoke').mockImplementation(
    invoke as CountersignClient['invoke'],
  );
  return calls;
}

/** An engine refusal, as the transport hands it back. */
export const refusal = (code: AppError['code'], message: string, hint?: string) =>
  ({ ok: false, error: { code, message, ...(hint ? { hint } : {}) } }) as const;

/** An engine answer. */
export const answer = <T>(value: T) => ({ ok: true, value }) as const;

// The render helper resets the window's stores; these are the start screen's own.
afterEach(() => {
  vi.restoreAllMocks();
  useSetupStore.setState(useSetupStore.getInitialState(), true);
  useStartStore.setState(useStartStore.getInitialState(), true);
  useMachineStore.setState(useMachineStore.getInitialState(), true);
});
