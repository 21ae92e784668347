// The main side of the contract: one handler per channel, each checking that
// the message comes from our own window's top frame, validating the request
// against the shared schema, and answering an Outcome (errors as data).
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, JOB_EVENTS_CHANNEL } from '../../shared/api';
import { CountersignError, toAppError, type Outcome } from '../../shared/errors';
import { validateRequest } from '../../shared/validate';
import type { CountersignCore } from '../core/countersignCore';

function checkSender(event: IpcMainInvokeEvent, window: BrowserWindow, rendererUrl: string): void {
  const frame = event.senderFrame;
  const trusted =
    event.sender.id === window.webContents.id &&
    frame !== null &&
    frame === window.webContents.mainFrame &&
    frame.url.startsWith(rendererUrl);
  if (!trusted)
    throw new CountersignError(
      'FORBIDDEN_ORIGIN',
      'This message did not come from the Countersign window.',
    );
}

export function registerIpcHandlers(
  core: CountersignCore,
  window: BrowserWindow,
  rendererUrl: string,
): () => void {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(name, async (event, payload: unknown): Promise<Outcome<unknown>> => {
      try {
        checkSender(event, window, rendererUrl);
        const { channel, request } = validateRequest(name, payload);
        const call = core.api[channel] as (input: unknown) => Promise<unknown>;
        return { ok: true, value: await call(request) };
      } catch (error) {
        return { ok: false, error: toAppError(error) };
      }
    });
  }
  const unsubscribe = core.jobs.onEvent((jobEvent) => {
    if (!window.isDestroyed()) window.webContents.send(JOB_EVENTS_CHANNEL, jobEvent);
  });
  return () => {
    unsubscribe();
    for (const name of CHANNEL_NAMES) ipcMain.removeHandler(name);
  };
}
