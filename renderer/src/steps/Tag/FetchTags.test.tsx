import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Channel } from '../../../../shared/api';
import type { Outcome } from '../../../../shared/errors';
import { useReleaseStore } from '../../stores/releaseStore';
import { render } from '../../testing/render';
import { activeTransport } from '../../transport/activeTransport';
import { FetchTags, LOCAL_SOURCE_NOTE } from './FetchTags';

/** The engine answers `project:fetch` with `fetched`, and `project:current` with the project reloaded. */
function engineAnswers(fetched: Outcome<unknown>): Channel[] {
  const calls: Channel[] = [];
  vi.spyOn(activeTransport.client, 'invoke').mockImplementation((channel) => {
    calls.push(channel);
    if (channel === 'project:fetch') return Promise.resolve(fetched as never);
    return new Promise(() => {});
  });
  return calls;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('FetchTags', () => {
  it('announces the new tags, then reloads the project so the picker lists them', async () => {
    const calls = engineAnswers({
      ok: true,
      value: {
        source: 'https://example.org/hello.git',
        newTags: ['v1.1.0', 'v1.1.0-rc1'],
        tags: 4,
      },
    });
    const { user } = render(<FetchTags />);

    await user.click(screen.getByRole('button', { name: 'Fetch tags' }));

    expect(await screen.findByText('2 new tags: v1.1.0, v1.1.0-rc1.')).toBeTruthy();
    expect(calls).toEqual(['project:fetch', 'project:current']);
    expect(useReleaseStore.getState().projectLoading).toBe(true);
  });

  it('says so when there is nothing new', async () => {
    engineAnswers({
      ok: true,
      value: { source: 'https://example.org/hello.git', newTags: [], tags: 2 },
    });
    const { user } = render(<FetchTags />);
    await user.click(screen.getByRole('button', { name: 'Fetch tags' }));
    expect(await screen.findByText('No new tags.')).toBeTruthy();
  });

  it('treats a local source’s NOT_A_MIRROR as information, not an error', async () => {
    engineAnswers({
      ok: false,
      error: { code: 'NOT_A_MIRROR', message: 'The source is a local repository.' },
    });
    const { user } = render(<FetchTags />);

    await user.click(screen.getByRole('button', { name: 'Fetch tags' }));

    const status = await screen.findByText(LOCAL_SOURCE_NOTE);
    expect(status.getAttribute('role')).toBe('status');
    expect(status.getAttribute('data-kind')).toBe('info');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows any other refusal as an error, with its code', async () => {
    engineAnswers({
      ok: false,
      error: {
        code: 'FETCH_FAILED',
        message: 'Could not reach example.org.',
        hint: 'Check the network.',
      },
    });
    const { user } = render(<FetchTags />);

    await user.click(screen.getByRole('button', { name: 'Fetch tags' }));

    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('FETCH_FAILED');
    expect(screen.getByText('Check the network.')).toBeTruthy();
  });
});
