import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { join } from 'node:path';
import { EVENT_CHANNEL } from '../shared/ipc/channels';
import { createElectronPrintOutputs } from './shells/electron/print-output';
import { registerAppScheme, serveRenderer } from './shells/electron/protocol';
import { registerIpc } from './shells/electron/ipc-bridge';
import { createMainWindow, hardenContents } from './shells/electron/window';
import { createTerminal, TerminalOpenError, type Terminal } from './terminal';

// Electron entry: lifecycle and windows only. Everything else is the core built by createTerminal.

registerAppScheme();
app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

let terminal: Terminal | undefined;

app.on('web-contents-created', (_event, contents) => hardenContents(contents));

async function start(): Promise<void> {
  const appRoot = app.getAppPath();
  try {
    terminal = await createTerminal({
      dataDir: process.env.POS_DATA_DIR ?? join(app.getPath('userData'), 'terminal'),
      serverUrl: process.env.POS_SERVER_URL || undefined,
      demoData: !process.env.POS_SERVER_URL && process.env.POS_DEMO !== '0',
      appRoot,
      printer: { outputs: createElectronPrintOutputs(join(app.getPath('userData'), 'receipts')) },
    });
  } catch (error) {
    if (error instanceof TerminalOpenError) {
      dialog.showErrorBox('The terminal cannot start', error.message);
      app.exit(1);
      return;
    }
    throw error;
  }
  serveRenderer(join(appRoot, 'dist', 'renderer'));
  registerIpc(ipcMain, terminal.dispatch);
  const window = createMainWindow(join(appRoot, 'dist', 'electron', 'preload.cjs'));
  const unsubscribe = terminal.events.subscribe((event) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event);
  });
  window.on('closed', unsubscribe);
}

app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
});
app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => {
  void terminal?.close();
});

app.whenReady().then(start, (error: unknown) => {
  console.error(error);
  app.exit(1);
});
