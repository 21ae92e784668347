import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_API_PREFIX, HTTP_EVENTS_PATH } from '../../shared/api';
import { CountersignError, toAppError, type AppError, type Outcome } from '../../shared/errors';
import { validateRequest } from '../../shared/validate';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy';
import type { CountersignCore } from '../core/countersignCore';
import { checkHost, checkOrigin, checkToken, type GuardConfig } from './requestGuards';
import { readStatic } from './staticFiles';

const MAX_BODY_BYTES = 8 * 1024 * 1024;

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

const STATUS: Partial<Record<AppError['code'], number>> = {
  UNAUTHORIZED: 401,
  FORBIDDEN_ORIGIN: 403,
  UNKNOWN_CHANNEL: 404,
  INVALID_REQUEST: 400,
  INTERNAL: 500,
};

function send(response: ServerResponse, status: number, outcome: Outcome<unknown>): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
  });
  response.end(JSON.stringify(outcome));
}

function sendError(response: ServerResponse, error: unknown): void {
  const appError = toAppError(error);
  send(response, STATUS[appError.code] ?? 422, { ok: false, error: appError });
}

function readBody(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const type = request.headers['content-type'] ?? '';
    // Only JSON: a cross-site form post cannot send it without a CORS preflight we never answer.
    if (!type.startsWith('application/json')) {
      reject(
        new CountersignError(
          'INVALID_REQUEST',
          'Requests must be JSON (Content-Type: application/json).',
        ),
      );
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new CountersignError('INVALID_REQUEST', 'The request is too large.'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve(text.trim() === '' ? {} : JSON.parse(text));
      } catch {
        reject(new CountersignError('INVALID_REQUEST', 'The request body is not valid JSON.'));
      }
    });
    request.on('error', reject);
  });
}

export interface BrowserServer {
  server: Server;
  port: number;
  token: string;
  origin: string;
  /** The URL to open: the token rides in the fragment, which browsers never send to servers or in Referer. */
  url: string;
  close(): Promise<void>;
}

/**
 * Browser mode: the built renderer and the same contract as IPC, over HTTP on
 * 127.0.0.1 only. Every API request is checked for Host, Origin and token,
 * then validated against the shared schema before the core sees it.
 */
export async function startBrowserServer(options: {
  core: CountersignCore;
  rendererDir: string;
  port?: number;
  token?: string;
}): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const guard: GuardConfig = { port: 0, token };
  const streams = new Set<ServerResponse>();

  const server = createServer((request, response) => {
    void handle(request, response);
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      checkHost(request, guard);
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      if (path.startsWith(HTTP_API_PREFIX)) {
        checkOrigin(request, guard);
        checkToken(request, guard);
        if (request.method !== 'POST')
          throw new CountersignError('INVALID_REQUEST', 'API calls use POST.');
        const body = await readBody(request);
        const { channel, request: valid } = validateRequest(
          path.slice(HTTP_API_PREFIX.length),
          body,
        );
        const call = options.core.api[channel] as (input: unknown) => Promise<unknown>;
        send(response, 200, { ok: true, value: await call(valid) });
        return;
      }
      if (path === HTTP_EVENTS_PATH) {
        checkOrigin(request, guard);
        checkToken(request, guard);
        openEventStream(response);
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        throw new CountersignError('INVALID_REQUEST', 'Only GET is served here.');
      }
      const file = await readStatic(options.rendererDir, path);
      if (!file) {
        response.writeHead(404, {
          ...SECURITY_HEADERS,
          'Content-Type': 'text/plain; charset=utf-8',
        });
        response.end('Not found');
        return;
      }
      response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.type });
      response.end(request.method === 'HEAD' ? undefined : file.body);
    } catch (error) {
      sendError(response, error);
    }
  }

  function openEventStream(response: ServerResponse): void {
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    streams.add(response);
    response.on('close', () => streams.delete(response));
  }

  const unsubscribe = options.core.jobs.onEvent((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  guard.port = port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    server,
    port,
    token,
    origin,
    url: `${origin}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        clearInterval(heartbeat);
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
