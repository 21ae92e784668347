import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { CountersignError } from '../../../../shared/errors';
import { cancelledIfAborted, tooLarge } from './locationErrors';
import type { ByteRange, RepositoryLocation } from './repositoryLocation';

// A server that accepts the connection and then says nothing would otherwise
// hold the reader forever.
const HEADERS_TIMEOUT_MS = 30_000;
const IDLE_TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 5;

/** The reason fetch gave, for a person: "ECONNREFUSED", "ENOTFOUND", … */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** One request's lifetime: the caller's signal, plus our own timeouts. */
class RequestControl {
  readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  timedOut = false;

  constructor(private readonly outer: AbortSignal | undefined) {
    outer?.addEventListener('abort', this.abortFromOuter, { once: true });
    if (outer?.aborted) this.controller.abort();
  }

  private readonly abortFromOuter = () => this.controller.abort();

  arm(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, ms);
    // A timer must never be what keeps the process alive.
    this.timer.unref();
  }

  done(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.abortFromOuter);
  }
}

/**
 * A repository served over http(s), read with Node's fetch. Redirects are
 * followed by hand so that none can lead to another scheme (file:, ftp:) or
 * down from https to http, as apt refuses too.
 */
export class HttpRepository implements RepositoryLocation {
  readonly display: string;
  private readonly base: URL;

  constructor(root: string) {
    let url: URL;
    try {
      url = new URL(root);
    } catch {
      throw new CountersignError(
        'INVALID_REPOSITORY',
        `${JSON.stringify(root.slice(0, 200))} is not a URL.`,
        'Give the repository root as http://host/path/ (the folder holding dists/ and pool/).',
      );
    }
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    url.search = '';
    url.hash = '';
    this.base = url;
    // Credentials in the URL never reach a message.
    const shown = new URL(url);
    shown.username = '';
    shown.password = '';
    this.display = shown.toString();
  }

  private urlOf(path: string[]): URL {
    return new URL(path.map((segment) => encodeURIComponent(segment)).join('/'), this.base);
  }

  private unreachable(what: string, detail: string): CountersignError {
    return new CountersignError(
      'REPOSITORY_UNREACHABLE',
      `The repository at ${this.display} could not be reached for ${what} (${detail}).`,
      'Check the URL, the network and the server; this is a problem of the environment, not of the packages. Try again when it is reachable.',
    );
  }

  private failed(
    what: string,
    error: unknown,
    control: RequestControl,
    signal?: AbortSignal,
  ): CountersignError {
    if (signal?.aborted)
      return new CountersignError('CANCELLED', 'Reading the repository was cancelled.');
    if (error instanceof CountersignError) return error;
    return this.unreachable(
      what,
      control.timedOut ? 'the server stopped answering' : causeOf(error),
    );
  }

  private redirectTarget(location: string | null, from: URL): URL | null {
    if (!location) return null;
    try {
      return new URL(location, from);
    } catch {
      return null;
    }
  }

  /** Fetches with redirects followed by hand; the response's body is still unread. */
  private async request(
    path: string[],
    headers: Record<string, string>,
    control: RequestControl,
  ): Promise<Response> {
    let url = this.urlOf(path);
    const what = JSON.stringify(path.join('/'));
    for (let hop = 0; ; hop += 1) {
      control.arm(HEADERS_TIMEOUT_MS);
      const response = await fetch(url, {
        redirect: 'manual',
        signal: control.controller.signal,
        // fetch would otherwise undo a gzip Content-Encoding, and the bytes we
        // hash must be the file's own.
        headers: { 'accept-encoding': 'identity', ...headers },
      });
      if (![301, 302, 303, 307, 308].includes(response.status)) return response;
      await response.body?.cancel();
      const location = response.headers.get('location');
      const next = this.redirectTarget(location, url);
      const allowed =
        next !== null &&
        (next.protocol === 'https:' || (next.protocol === 'http:' && url.protocol === 'http:'));
      if (!next || !allowed) {
        throw new CountersignError(
          'INVALID_REPOSITORY',
          `The server redirected ${what} to ${JSON.stringify((location ?? '(nowhere)').slice(0, 200))}, which Countersign does not follow.`,
          'Only redirects to http(s) are followed, and never from https down to http. Use the final repository URL directly.',
        );
      }
      if (hop >= MAX_REDIRECTS) {
        throw this.unreachable(what, `more than ${MAX_REDIRECTS} redirects`);
      }
      url = next;
    }
  }

  /** The body, chunk by chunk, with the idle timeout re-armed on each chunk. */
  private async *bodyOf(response: Response, control: RequestControl): AsyncGenerator<Uint8Array> {
    if (!response.body) return;
    try {
      control.arm(IDLE_TIMEOUT_MS);
      for await (const chunk of Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>)) {
        control.arm(IDLE_TIMEOUT_MS);
        yield chunk as Uint8Array;
      }
    } finally {
      control.done();
    }
  }

  async readSmallFile(
    path: string[],
    maxBytes: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array | null> {
    cancelledIfAborted(signal);
    const what = JSON.stringify(path.join('/'));
    const control = new RequestControl(signal);
    try {
      const response = await this.request(path, {}, control);
      if (response.status === 404 || response.status === 410) {
        await response.body?.cancel();
        return null;
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        throw this.unreachable(what, `the server answered HTTP ${response.status}`);
      }
      const length = Number(response.headers.get('content-length') ?? 'NaN');
      if (length > maxBytes) {
        await response.body?.cancel();
        throw tooLarge(this.display, path, maxBytes);
      }
      const chunks: Uint8Array[] = [];
      let total = 0;
      for await (const chunk of this.bodyOf(response, control)) {
        total += chunk.length;
        if (total > maxBytes) throw tooLarge(this.display, path, maxBytes);
        chunks.push(chunk);
      }
      return new Uint8Array(Buffer.concat(chunks, total));
    } catch (error) {
      throw this.failed(what, error, control, signal);
    } finally {
      control.done();
    }
  }

  listSuites(): Promise<null> {
    // HTTP has no folder listing apt could rely on; the suite must be named.
    return Promise.resolve(null);
  }

  async openRange(path: string[], offset: number, signal?: AbortSignal): Promise<ByteRange | null> {
    cancelledIfAborted(signal);
    const what = JSON.stringify(path.join('/'));
    const attempt = async (from: number): Promise<ByteRange | null> => {
      const control = new RequestControl(signal);
      try {
        const response = await this.request(
          path,
          from > 0 ? { range: `bytes=${from}-` } : {},
          control,
        );
        if (response.status === 404 || response.status === 410) {
          await response.body?.cancel();
          control.done();
          return null;
        }
        const range = /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(
          response.headers.get('content-range') ?? '',
        );
        const resumed = from > 0 && response.status === 206 && Number(range?.[1]) === from;
        // 416: the partial file is already as long as (or longer than) the
        // file; a 206 from elsewhere than asked cannot be appended. Both start over.
        if (from > 0 && !resumed && (response.status === 416 || response.status === 206)) {
          await response.body?.cancel();
          control.done();
          return attempt(0);
        }
        if (response.status !== 200 && !resumed) {
          await response.body?.cancel();
          throw this.unreachable(what, `the server answered HTTP ${response.status}`);
        }
        return { start: resumed ? from : 0, body: this.bodyOf(response, control) };
      } catch (error) {
        control.done();
        throw this.failed(what, error, control, signal);
      }
    };
    return attempt(offset);
  }
}
