import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** A request as the server saw it, for tests to assert on (e.g. that a download resumed). */
export interface ServedRequest {
  path: string;
  range: string | null;
  status: number;
}

/** What the next request for a path suffers, once. */
export type Fault =
  /** Promise the whole file, send `afterBytes` of it, then drop the connection. */
  | { kind: 'truncate'; afterBytes: number }
  /** Send `afterBytes`, then say nothing more until the client gives up. */
  | { kind: 'stall'; afterBytes: number }
  | { kind: 'redirect'; location: string }
  | { kind: 'status'; status: number };

function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d+)-(\d*)$/.exec(header);
  if (!match) return null;
  const start = Number(match[1]);
  const end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/**
 * A static file server on 127.0.0.1 (a random port) for the apt reader's
 * tests: serves a folder with Range support, as a real mirror does, records
 * every request, and can be told to misbehave once per path.
 */
export class AptTestServer {
  readonly requests: ServedRequest[] = [];
  private readonly faults = new Map<string, Fault>();

  private constructor(
    private readonly server: Server,
    private readonly root: string,
    readonly url: string,
  ) {}

  /** Starts serving `root` (the server's `/` is that folder). */
  static async start(root: string): Promise<AptTestServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const instance = new AptTestServer(server, root, `http://127.0.0.1:${port}/`);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      void instance.handle(request, response);
    });
    return instance;
  }

  /** The next request for `path` (URL path, e.g. "/repo/pool/x.deb") suffers `fault`. */
  failNext(path: string, fault: Fault): void {
    this.faults.set(path, fault);
  }

  /** The requests for one path, from the `since`-th request on (see `mark`). */
  requestsFor(path: string, since = 0): ServedRequest[] {
    return this.requests.slice(since).filter((request) => request.path === path);
  }

  /** A point in the request log, so a case sees only its own requests. */
  mark(): number {
    return this.requests.length;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const range = request.headers.range ?? null;
    const send = (status: number, headers: Record<string, string | number> = {}) => {
      this.requests.push({ path, range, status });
      response.writeHead(status, headers);
    };
    const fault = this.faults.get(path);
    this.faults.delete(path);
    if (fault?.kind === 'redirect') {
      send(302, { location: fault.location });
      response.end();
      return;
    }
    if (fault?.kind === 'status') {
      send(fault.status);
      response.end();
      return;
    }
    const segments = decodeURIComponent(path).split('/').slice(1);
    if (segments.some((segment) => segment === '..' || segment === '.')) {
      send(400);
      response.end();
      return;
    }
    const file = join(this.root, ...segments);
    let size: number;
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      size = info.size;
    } catch {
      send(404);
      response.end();
      return;
    }
    const wanted = parseRange(request.headers.range, size);
    if (wanted === 'unsatisfiable') {
      send(416, { 'content-range': `bytes */${size}` });
      response.end();
      return;
    }
    const { start, end } = wanted ?? { start: 0, end: size - 1 };
    send(wanted ? 206 : 200, {
      'content-length': end - start + 1,
      'accept-ranges': 'bytes',
      ...(wanted ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
    });
    if (size === 0) {
      response.end();
      return;
    }
    if (fault?.kind === 'truncate' || fault?.kind === 'stall') {
      const last = Math.min(end, start + fault.afterBytes - 1);
      const part = createReadStream(file, { start, end: last });
      part.on('data', (chunk) => response.write(chunk));
      part.on('end', () => {
        // Flushed first, so the client really receives the bytes before the cut.
        if (fault.kind === 'truncate') response.write('', () => response.destroy());
      });
      return;
    }
    createReadStream(file, { start, end }).pipe(response);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
