// The Electron shell: parse --project, build the core, open the secure window,
// wire IPC. Everything else lives in electron/core.
import { app } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createCountersignCore } from '../core/countersignCore';
import { registerIpcHandlers } from './ipcHandlers';
import { createSecureWindow } from './secureWindow';

const { values } = parseArgs({
  args: process.argv.slice(app.isPackaged ? 1 : 2),
  options: { project: { type: 'string' } },
  strict: false,
});
const projectFile =
  typeof values.project === 'string' ? values.project : (process.env.COUNTERSIGN_PROJECT ?? null);

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

void app.whenReady().then(async () => {
  const rendererIndex = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
  const rendererUrl = pathToFileURL(fileURLToPath(new URL('../renderer/', import.meta.url))).href;
  const window = createSecureWindow({
    preload: fileURLToPath(new URL('../preload/preload.cjs', import.meta.url)),
    rendererUrl,
  });
  const core = createCountersignCore(projectFile);
  const unregister = registerIpcHandlers(core, window, rendererUrl);
  window.on('closed', unregister);
  await window.loadFile(rendererIndex);
});

app.on('window-all-closed', () => app.quit());
