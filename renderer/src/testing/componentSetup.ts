import { vi } from 'vitest';

// Component tests never reach an engine: every call waits for an answer that
// never comes, so nothing changes under a test unless it seeds a store itself.
vi.mock('../transport/activeTransport', async () => {
  const { silentTransport } = await import('./silentTransport');
  return { activeTransport: silentTransport() };
});

// What jsdom lacks and the virtualised lists use; a window that is never
// resized keeps the lists' default viewport height.
class StillResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= StillResizeObserver;
if (!('scrollIntoView' in Element.prototype)) {
  Object.defineProperty(Element.prototype, 'scrollIntoView', { value: () => {} });
}
