import { pickTransport } from './pickTransport';

/** The transport this page picked when it started; the rest of the app uses only this. */
export const activeTransport = pickTransport(window);
