import { BrowserWindow, session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy';

/**
 * The app's one window, locked down: sandboxed, context-isolated, no Node,
 * a strict CSP, no navigation away, no new windows (middle-click's auxclick
 * included), no remote requests, every permission request denied. Nothing is
 * handed to shell.openExternal: the UI links to no outside page, and a page
 * that asked for one would be asking the OS to open a URL it chose (see
 * docs/security.md before adding any).
 */
export function createSecureWindow(options: {
  preload: string;
  rendererUrl: string;
}): BrowserWindow {
  const defaultSession = session.defaultSession;
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const local =
      details.url.startsWith(options.rendererUrl) || details.url.startsWith('devtools://');
    callback({ cancel: !local });
  });
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });

  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Countersign',
    show: false,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      // Middle-click fires auxclick, which can open a link in a new window; the
      // window-open handler denies that too, and without the event the page never sees it.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.once('ready-to-show', () => window.show());
  return window;
}
