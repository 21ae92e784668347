import { reconnectDelay } from './reconnectDelay';
import { createSseParser } from './sseParser';
import type { JobFeedStatus } from './transport';

export interface EventStreamOptions {
  url: string;
  headers: Record<string, string>;
  onData: (data: string) => void;
  onStatus: (status: JobFeedStatus) => void;
}

/** A connection that stayed up this long counts as healthy: the next retry starts fast again. */
const HEALTHY_CONNECTION_MS = 10_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/**
 * Follows a server-sent event stream with fetch and a ReadableStream (unlike
 * EventSource, fetch can send the Authorization header), reconnecting with
 * backoff whenever it drops. A refused token stops it: retrying cannot help.
 * Returns a function that closes the stream for good.
 */
export function followEventStream(options: EventStreamOptions): () => void {
  const controller = new AbortController();
  const { signal } = controller;

  const connectOnce = async (): Promise<'dropped' | 'refused'> => {
    const response = await fetch(options.url, {
      headers: { Accept: 'text/event-stream', ...options.headers },
      cache: 'no-store',
      credentials: 'omit',
      signal,
    });
    if (response.status === 401 || response.status === 403) return 'refused';
    if (!response.ok || !response.body) return 'dropped';
    options.onStatus('live');
    const parser = createSseParser(options.onData);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return 'dropped';
      parser.push(value);
    }
  };

  const run = async (): Promise<void> => {
    let attempt = 0;
    options.onStatus('connecting');
    while (!signal.aborted) {
      const startedAt = Date.now();
      let result: 'dropped' | 'refused' = 'dropped';
      try {
        result = await connectOnce();
      } catch {
        // Network error or abort; the loop condition tells them apart.
      }
      if (signal.aborted) return;
      if (result === 'refused') {
        options.onStatus('unavailable');
        return;
      }
      attempt = Date.now() - startedAt > HEALTHY_CONNECTION_MS ? 1 : attempt + 1;
      options.onStatus('reconnecting');
      await sleep(reconnectDelay(attempt), signal);
    }
  };

  void run();
  return () => controller.abort();
}
