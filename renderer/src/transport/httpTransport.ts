import { HTTP_API_PREFIX, HTTP_EVENTS_PATH } from '../../../shared/api';
import type { AppError } from '../../../shared/errors';
import { followEventStream } from './eventStream';
import { parseJobEvent } from './parseJobEvent';
import type { Transport } from './transport';
import { TransportFailure } from './transportFailure';
import { createValidatedClient } from './validatedClient';

/** Said when the local server cannot be reached at all. */
export function serverUnreachable(origin: string): AppError {
  return {
    code: 'ENGINE_UNREACHABLE',
    message: `Countersign's local server at ${origin} did not answer.`,
    hint: 'Check that `countersign serve` is still running in its terminal. If you restarted it, open the new address it printed: the token changes each time.',
  };
}

function unreadableAnswer(status: number): AppError {
  return {
    code: 'INVALID_RESPONSE',
    message: `Countersign's local server answered with HTTP ${status} and no result this window can read.`,
    hint: 'The server may be an older or newer version than this page. Reload the page; if that does not help, restart `countersign serve`.',
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Browser mode: each call is `POST /api/<channel>` with the session token as a
 * bearer token; the body of every answer, whatever its HTTP status, is an
 * Outcome. Job events arrive on `GET /events` as server-sent events.
 */
export function createHttpTransport(options: { origin: string; token: string }): Transport {
  const authorization = `Bearer ${options.token}`;

  const send = async (channel: string, request: unknown): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(`${options.origin}${HTTP_API_PREFIX}${channel}`, {
        method: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
        cache: 'no-store',
        credentials: 'omit',
        redirect: 'error',
      });
    } catch {
      throw new TransportFailure(serverUnreachable(options.origin));
    }
    const body = parseJson(await response.text().catch(() => ''));
    if (body === undefined) throw new TransportFailure(unreadableAnswer(response.status));
    return body;
  };

  return {
    kind: 'browser',
    client: createValidatedClient(send, () => serverUnreachable(options.origin)),
    subscribeJobEvents(onEvent, onStatus) {
      return followEventStream({
        url: `${options.origin}${HTTP_EVENTS_PATH}`,
        headers: { Authorization: authorization },
        onStatus: (status) => onStatus?.(status),
        onData: (data) => {
          const event = parseJobEvent(parseJson(data));
          if (event) onEvent(event);
        },
      });
    },
  };
}
