// The only bridge between the sandboxed page and the main process. It exposes
// one global with two functions, and forwards only the contract's channels.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, JOB_EVENTS_CHANNEL } from '../../shared/channelNames';

const allowed = new Set<string>(CHANNEL_NAMES);

contextBridge.exposeInMainWorld('countersign', {
  invoke(channel: string, request: unknown): Promise<unknown> {
    if (typeof channel !== 'string' || !allowed.has(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: 'There is no such operation.' },
      });
    }
    return ipcRenderer.invoke(channel, request);
  },
  onJobEvent(listener: (event: unknown) => void): () => void {
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(JOB_EVENTS_CHANNEL, wrapped);
    return () => ipcRenderer.off(JOB_EVENTS_CHANNEL, wrapped);
  },
});
