const STORAGE_KEY = 'countersign.sessionToken';

/**
 * Browser mode: `countersign serve` prints a URL with the session token in the
 * fragment (#token=…), which browsers never send to a server. Take it once at
 * start, keep it for this tab only (sessionStorage, so a reload still works),
 * and remove it from the address bar so it is not shared in a screenshot or a
 * copied link.
 */
export function takeSessionToken(
  win: Pick<Window, 'location' | 'history' | 'sessionStorage'>,
): string | null {
  const fromHash = new URLSearchParams(win.location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    try {
      win.sessionStorage.setItem(STORAGE_KEY, fromHash);
    } catch {
      // Storage disabled: the token still works until the page reloads.
    }
    win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
    return fromHash;
  }
  try {
    return win.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
