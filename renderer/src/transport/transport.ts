import type { Channel, CountersignClient } from '../../../shared/api';
import type { JobEvent } from '../../../shared/jobs';

/** Sends one call over the wire and returns whatever came back, unvalidated. */
export type RawInvoke = (channel: Channel, request: unknown) => Promise<unknown>;

/** How the live job feed is doing, so the UI can say when updates may be late. */
export type JobFeedStatus = 'connecting' | 'live' | 'reconnecting' | 'unavailable';

/**
 * One way of reaching the engine. The app picks one at start (Electron IPC or
 * the local HTTP server) and otherwise does not know which it has.
 */
export interface Transport {
  readonly kind: 'electron' | 'browser';
  readonly client: CountersignClient;
  /** Delivers validated job events until the returned function is called. */
  subscribeJobEvents(
    onEvent: (event: JobEvent) => void,
    onStatus?: (status: JobFeedStatus) => void,
  ): () => void;
}
