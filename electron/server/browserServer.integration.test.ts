import { request as httpRequest } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCountersignCore } from '../core/countersignCore';
import { makeDemo } from '../testing/demoFixture';
import { startBrowserServer, type BrowserServer } from './browserServer';

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

let server: BrowserServer;
let demo: Awaited<ReturnType<typeof makeDemo>>;
let rendererDir: string;

/** A raw HTTP request, so tests can forge Host and Origin as a hostile page or rebinding DNS would. */
function call(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const apiHeaders = (overrides: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  authorization: `Bearer ${server.token}`,
  origin: server.origin,
  ...overrides,
});

beforeAll(async () => {
  demo = await makeDemo();
  rendererDir = await mkdtemp(join(tmpdir(), 'cs-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Countersign</title>');
  server = await startBrowserServer({ core: createCountersignCore(demo.projectFile), rendererDir });
});

afterAll(async () => {
  await server.close();
  await demo.remove();
  await rm(rendererDir, { recursive: true, force: true });
});

describe('browser-mode server', () => {
  it('listens on loopback only and hands out the token in the URL fragment', () => {
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('answers a valid call from its own page with the token', async () => {
    const reply = await call('/api/tags:verify', {
      method: 'POST',
      headers: apiHeaders(),
      body: JSON.stringify({ tag: 'v1.0.0' }),
    });
    expect(reply.status).toBe(200);
    const outcome = JSON.parse(reply.body) as { ok: boolean; value: { verdict: string } };
    expect(outcome).toMatchObject({ ok: true, value: { verdict: 'verified' } });
  });

  it('refuses an API call without the token', async () => {
    const headers = apiHeaders();
    delete (headers as Record<string, string>).authorization;
    const reply = await call('/api/project:current', { method: 'POST', headers, body: '{}' });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('refuses an API call with a wrong token', async () => {
    const reply = await call('/api/project:current', {
      method: 'POST',
      headers: apiHeaders({ authorization: `Bearer ${'x'.repeat(server.token.length)}` }),
      body: '{}',
    });
    expect(reply.status).toBe(401);
  });

  it('refuses a request naming a foreign Host (DNS rebinding), even with the token', async () => {
    const reply = await call('/api/project:current', {
      method: 'POST',
      headers: apiHeaders({ host: `attacker.example:${server.port}` }),
      body: '{}',
    });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ error: { code: 'FORBIDDEN_ORIGIN' } });
    const page = await call('/', { headers: { host: 'attacker.example' } });
    expect(page.status).toBe(403);
  });

  it('refuses a call from a foreign Origin, even with the token', async () => {
    const reply = await call('/api/project:current', {
      method: 'POST',
      headers: apiHeaders({ origin: 'http://evil.example' }),
      body: '{}',
    });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ error: { code: 'FORBIDDEN_ORIGIN' } });
  });

  it('refuses the job event stream without the token or from a foreign Origin', async () => {
    expect((await call('/events')).status).toBe(401);
    const foreign = await call('/events', {
      headers: { authorization: `Bearer ${server.token}`, origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
  });

  it('validates every request against the shared schema', async () => {
    const badTag = await call('/api/tags:verify', {
      method: 'POST',
      headers: apiHeaders(),
      body: JSON.stringify({ tag: '--upload-pack=evil' }),
    });
    expect(badTag.status).toBe(400);
    expect(JSON.parse(badTag.body)).toMatchObject({ error: { code: 'INVALID_REQUEST' } });
    const extra = await call('/api/tags:verify', {
      method: 'POST',
      headers: apiHeaders(),
      body: JSON.stringify({ tag: 'v1.0.0', repo: '/etc' }),
    });
    expect(extra.status).toBe(400);
    const unknown = await call('/api/fs:read', {
      method: 'POST',
      headers: apiHeaders(),
      body: '{}',
    });
    expect(JSON.parse(unknown.body)).toMatchObject({ error: { code: 'UNKNOWN_CHANNEL' } });
    const notJson = await call('/api/project:current', {
      method: 'POST',
      headers: apiHeaders({ 'content-type': 'text/plain' }),
      body: '{}',
    });
    expect(notJson.status).toBe(400);
  });

  it('serves the built page with a strict CSP and nothing outside it', async () => {
    const page = await call('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await call('/../../../etc/passwd')).status).toBe(404);
    expect((await call('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });

  it('streams job events to its own page', async () => {
    const events: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/events',
          headers: { authorization: `Bearer ${server.token}` },
        },
        (res) => {
          res.on('data', (chunk: Buffer) => {
            events.push(chunk.toString('utf8'));
            if (events.join('').includes('"state":"succeeded"')) {
              req.destroy();
              resolve();
            }
          });
        },
      );
      req.on('error', (error) => (events.length ? resolve() : reject(error)));
      req.end();
      setTimeout(() => {
        void call('/api/tags:verify', {
          method: 'POST',
          headers: apiHeaders(),
          body: '{"tag":"v1.0.0"}',
        });
      }, 100);
    });
    expect(events.join('')).toContain('"kind":"verify-tag"');
  });
});
