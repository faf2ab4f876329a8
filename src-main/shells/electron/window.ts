import { BrowserWindow, screen, type WebContents } from 'electron';
import { APP_ENTRY_URL, isNavigationAllowed } from '../../security';
import { MIN_SIZE, placeWindow, readWindowState, writeWindowState } from './window-state';

/** Applied to every WebContents the app creates: no navigation away, no new windows, no webviews. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}

/** The main window, opened where it was last closed; `stateFile` remembers size and position. */
export function createMainWindow(preloadPath: string, stateFile: string): BrowserWindow {
  const place = placeWindow(
    readWindowState(stateFile),
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...place.bounds,
    center: place.centre,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Box Office',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => {
    if (place.maximized) window.maximize();
    window.show();
  });
  // Normal bounds, so a maximised window comes back maximised over the size it had before.
  window.on('close', () =>
    writeWindowState(stateFile, { bounds: window.getNormalBounds(), maximized: window.isMaximized() }),
  );
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
