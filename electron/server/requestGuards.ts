import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { CountersignError } from '../../shared/errors';

/**
 * Browser mode listens on loopback, but any web page the user visits can send
 * requests there. These checks make only our own page, holding the token, able
 * to call the engine: Host pins the name (DNS rebinding), Origin pins the page,
 * the bearer token proves it was handed the URL we printed.
 */
export interface GuardConfig {
  port: number;
  token: string;
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function checkHost(request: IncomingMessage, config: GuardConfig): void {
  const host = request.headers.host ?? '';
  if (!allowedHosts(config.port).includes(host)) {
    throw new CountersignError(
      'FORBIDDEN_ORIGIN',
      'This request names a host other than Countersign on this computer.',
      'Open the URL Countersign printed (http://127.0.0.1:PORT/…).',
    );
  }
}

export function checkOrigin(request: IncomingMessage, config: GuardConfig): void {
  const origin = request.headers.origin;
  // Same-origin fetches may omit Origin on GET; a cross-site page cannot make a browser omit it on POST.
  if (origin === undefined) return;
  const allowed = allowedHosts(config.port).map((host) => `http://${host}`);
  if (!allowed.includes(origin)) {
    throw new CountersignError('FORBIDDEN_ORIGIN', 'Requests from other web pages are refused.');
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new CountersignError('FORBIDDEN_ORIGIN', 'Requests from other web pages are refused.');
  }
}

export function checkToken(request: IncomingMessage, config: GuardConfig): void {
  const header = request.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '', 'utf8');
  const expected = Buffer.from(config.token, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new CountersignError(
      'UNAUTHORIZED',
      'This request does not carry the session token.',
      'Open the full URL Countersign printed when it started; it contains the token.',
    );
  }
}
