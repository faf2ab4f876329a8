import { app, BrowserWindow, dialog, ipcMain, safeStorage } from 'electron';
import { join } from 'node:path';
import { EVENT_CHANNEL } from '../shared/ipc/channels';
import { knock, listenForLaunches, type LaunchListener } from './single-instance';
import { createElectronPrintOutputs } from './shells/electron/print-output';
import { registerAppScheme, serveRenderer } from './shells/electron/protocol';
import { registerIpc } from './shells/electron/ipc-bridge';
import { closeBeforeQuit } from './shells/electron/quit';
import { chooseSecretStore } from './shells/electron/secrets';
import { reportStartFailure } from './shells/electron/start-failure';
import { createMainWindow, hardenContents } from './shells/electron/window';
import { WINDOW_STATE_FILE } from './shells/electron/window-state';
import { createTerminal, type Terminal } from './terminal';

// Electron entry: lifecycle and windows only. Everything else is the core built by createTerminal.

registerAppScheme();
app.enableSandbox();

let terminal: Terminal | undefined;
let launches: LaunchListener | undefined;

app.on('web-contents-created', (_event, contents) => hardenContents(contents));

function focusMainWindow(): boolean {
  const [window] = BrowserWindow.getAllWindows();
  if (!window) return false;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  return true;
}

async function start(): Promise<void> {
  const appRoot = app.getAppPath();
  const userData = app.getPath('userData');
  const dataDir = process.env.POS_DATA_DIR ?? join(userData, 'terminal');
  try {
    terminal = await createTerminal({
      dataDir,
      serverUrl: process.env.POS_SERVER_URL || undefined,
      demoData: !process.env.POS_SERVER_URL && process.env.POS_DEMO !== '0',
      appRoot,
      secrets: chooseSecretStore(dataDir, safeStorage, (line) => console.warn(line)),
      printer: { outputs: createElectronPrintOutputs(join(userData, 'receipts')) },
    });
  } catch (error) {
    // One terminal per data folder (db/instance-lock.ts): a second launch brings the first forward;
    // any other start error the core explains is shown in a dialog (a damaged store, docs/OPERATIONS.md).
    const shown = await reportStartFailure(error, dataDir, {
      exit: (code) => app.exit(code),
      showErrorBox: (title, content) => dialog.showErrorBox(title, content),
      knock,
    });
    if (shown) return;
    throw error;
  }
  const core = terminal;
  closeBeforeQuit(
    app,
    async () => {
      await launches?.close();
      await core.close();
    },
    (error) => console.error(error),
  );
  launches = await listenForLaunches(core.dataDir, () => ({ focused: focusMainWindow() }));
  serveRenderer(join(appRoot, 'dist', 'renderer'));
  registerIpc(ipcMain, core.dispatch);
  const window = createMainWindow(
    join(appRoot, 'dist', 'electron', 'preload.cjs'),
    join(userData, WINDOW_STATE_FILE),
  );
  const unsubscribe = core.events.subscribe((event) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event);
  });
  window.on('closed', unsubscribe);
}

app.on('window-all-closed', () => app.quit());

app
  .whenReady()
  .then(start)
  .catch((error: unknown) => {
    console.error(error);
    app.exit(1);
  });
