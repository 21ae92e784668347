import { describe, expect, it } from 'vitest';
import { takeSessionToken } from './sessionToken';

function fakeWindow(href: string, stored: Record<string, string> = {}) {
  const url = new URL(href);
  const replaced: string[] = [];
  const storage = new Map(Object.entries(stored));
  const win = {
    location: { hash: url.hash, pathname: url.pathname, search: url.search },
    history: {
      state: null,
      replaceState: (_state: unknown, _title: string, next: string) => replaced.push(next),
    },
    sessionStorage: {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => storage.set(key, value),
    },
  } as unknown as Window;
  return { win, replaced, storage };
}

describe('takeSessionToken', () => {
  it('takes the token from the fragment, keeps it for the tab and clears the address', () => {
    const { win, replaced, storage } = fakeWindow('http://127.0.0.1:4000/?x=1#token=abc-123');
    expect(takeSessionToken(win)).toBe('abc-123');
    expect(replaced).toEqual(['/?x=1']);
    expect([...storage.values()]).toEqual(['abc-123']);
  });

  it('finds the kept token again after a reload without fragment', () => {
    const { win, replaced } = fakeWindow('http://127.0.0.1:4000/', {
      'countersign.sessionToken': 'kept',
    });
    expect(takeSessionToken(win)).toBe('kept');
    expect(replaced).toEqual([]);
  });

  it('has no token when neither the fragment nor the tab holds one', () => {
    expect(takeSessionToken(fakeWindow('http://127.0.0.1:4000/#other=1').win)).toBeNull();
  });
});
