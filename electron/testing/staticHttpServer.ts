import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve, sep } from 'node:path';

export interface StaticServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  /** Every request's path as sent (still percent-escaped), in arrival order. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * The file a request path names below `root`, or null when it names nothing
 * there. Percent-escapes are decoded as nginx or Apache do, so
 * `/sources/foo/1%3a2.0-1/metadata` is `<root>/sources/foo/1:2.0-1/metadata`
 * (the way apt-transport-in-toto asks for an epoch's links); a `..` segment,
 * an escaped slash or NUL, or a malformed escape is refused.
 */
export function fileForPath(root: string, path: string): string | null {
  const segments = path.split('/').slice(1);
  const decoded: string[] = [];
  for (const segment of segments) {
    let text: string;
    try {
      text = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (text === '..' || text.includes('/') || text.includes('\0')) return null;
    decoded.push(text);
  }
  const base = resolve(root);
  const file = resolve(join(base, ...decoded));
  return file === base || file.startsWith(base + sep) ? file : null;
}

/**
 * A static file server on 127.0.0.1 (a random port) for tests that point a
 * real client (apt in a container on the host's network) at a folder: GET
 * and HEAD with Content-Length, 404 for anything else or outside the folder.
 * Unlike the apt reader's AptTestServer it keeps no ranges or faults, and it
 * answers 404 rather than 400 to a path that escapes, as a mirror would.
 */
export async function startStaticServer(root: string): Promise<StaticServer> {
  const requests: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    requests.push(path);
    void answer(root, path, request.method ?? 'GET', response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

async function answer(
  root: string,
  path: string,
  method: string,
  response: ServerResponse,
): Promise<void> {
  const file = method === 'GET' || method === 'HEAD' ? fileForPath(root, path) : null;
  const size = file
    ? await stat(file).then(
        (info) => (info.isFile() ? info.size : null),
        () => null,
      )
    : null;
  if (!file || size === null) {
    response.writeHead(method === 'GET' || method === 'HEAD' ? 404 : 405, {
      'content-length': 0,
    });
    response.end();
    return;
  }
  response.writeHead(200, {
    'content-length': size,
    'content-type': 'application/octet-stream',
  });
  if (method === 'HEAD' || size === 0) response.end();
  else createReadStream(file).pipe(response);
}
