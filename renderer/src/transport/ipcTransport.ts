import type { AppError } from '../../../shared/errors';
import { parseJobEvent } from './parseJobEvent';
import type { PreloadBridge } from './preloadBridge';
import type { Transport } from './transport';
import { createValidatedClient } from './validatedClient';

const engineSilent = (): AppError => ({
  code: 'ENGINE_UNREACHABLE',
  message: "Countersign's engine did not answer this window.",
  hint: 'Close Countersign and open it again. If it keeps happening, start it from a terminal and report what it prints.',
});

/** Electron: calls go through the preload's bridge to ipcMain handlers. */
export function createIpcTransport(bridge: PreloadBridge): Transport {
  return {
    kind: 'electron',
    client: createValidatedClient(
      (channel, request) => bridge.invoke(channel, request),
      engineSilent,
    ),
    subscribeJobEvents(onEvent, onStatus) {
      onStatus?.('live');
      return bridge.onJobEvent((raw) => {
        const event = parseJobEvent(raw);
        if (event) onEvent(event);
      });
    },
  };
}
