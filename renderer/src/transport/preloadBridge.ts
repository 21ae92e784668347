/** What electron/preload exposes to the page as `window.countersign`. */
export interface PreloadBridge {
  invoke(channel: string, request: unknown): Promise<unknown>;
  onJobEvent(listener: (event: unknown) => void): () => void;
}

/** Finds the preload's bridge on the page's global object, if this page runs inside Electron. */
export function findPreloadBridge(scope: object): PreloadBridge | null {
  const candidate: unknown = (scope as { countersign?: unknown }).countersign;
  if (typeof candidate !== 'object' || candidate === null) return null;
  const bridge = candidate as Partial<Record<keyof PreloadBridge, unknown>>;
  return typeof bridge.invoke === 'function' && typeof bridge.onJobEvent === 'function'
    ? (candidate as PreloadBridge)
    : null;
}
