import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/errors';
import { TransportFailure } from './transportFailure';
import { createValidatedClient } from './validatedClient';

const unreachable: AppError = { code: 'ENGINE_UNREACHABLE', message: 'The server did not answer.' };

describe('createValidatedClient', () => {
  it('passes a well-formed answer through', async () => {
    const client = createValidatedClient(
      () => Promise.resolve({ ok: false, error: { code: 'TAG_NOT_FOUND', message: 'No tag.' } }),
      () => unreachable,
    );
    expect(await client.invoke('tags:verify', { tag: 'v1.0.0' })).toEqual({
      ok: false,
      error: { code: 'TAG_NOT_FOUND', message: 'No tag.' },
    });
  });

  it('refuses an answer that does not match the channel’s schema', async () => {
    const client = createValidatedClient(
      () => Promise.resolve({ ok: true, value: { verdict: 'verified' } }),
      () => unreachable,
    );
    const outcome = await client.invoke('tags:verify', { tag: 'v1.0.0' });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.code).toBe('INVALID_RESPONSE');
  });

  it('never sends a request the contract would refuse', async () => {
    let sent = false;
    const client = createValidatedClient(
      () => {
        sent = true;
        return Promise.resolve(null);
      },
      () => unreachable,
    );
    const outcome = await client.invoke('tags:verify', { tag: '--upload-pack=evil' });
    expect(sent).toBe(false);
    expect(!outcome.ok && outcome.error.code).toBe('INVALID_REQUEST');
  });

  it('turns a failed send into an error a person can act on', async () => {
    const failing = createValidatedClient(
      () => Promise.reject(new TypeError('fetch failed')),
      () => unreachable,
    );
    expect(await failing.invoke('project:current', {})).toEqual({ ok: false, error: unreachable });

    const explained: AppError = { code: 'UNAUTHORIZED', message: 'No token.' };
    const refusing = createValidatedClient(
      () => Promise.reject(new TransportFailure(explained)),
      () => unreachable,
    );
    expect(await refusing.invoke('project:current', {})).toEqual({ ok: false, error: explained });
  });
});
