import { createHttpTransport } from './httpTransport';
import { createIpcTransport } from './ipcTransport';
import { createMissingTokenTransport } from './missingTokenTransport';
import { findPreloadBridge } from './preloadBridge';
import { takeSessionToken } from './sessionToken';
import type { Transport } from './transport';

/**
 * Chooses how this page reaches the engine: the preload's bridge inside
 * Electron, otherwise the local HTTP server that served the page.
 */
export function pickTransport(win: Window): Transport {
  const bridge = findPreloadBridge(win);
  if (bridge) return createIpcTransport(bridge);
  const token = takeSessionToken(win);
  if (!token) return createMissingTokenTransport();
  return createHttpTransport({ origin: win.location.origin, token });
}
