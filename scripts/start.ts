import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowserHost, stopOnSignals } from '../src-main/shells/browser/launch';
import { browserHostOptionsFromEnv } from '../src-main/shells/browser/options';
import { ensureElectronBinary, ensureElectronSqlite } from './start/electron-runtime';

// `npm start` (after `npm run build`): the desktop app where Electron can run, the same terminal in the
// default browser where it cannot. Either way the terminal starts.

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const say = (line: string) => console.log(line);

async function startBrowserInstead(reason: string): Promise<void> {
  say(`${reason}; starting the terminal in your browser instead (npm run start:browser).`);
  const options = browserHostOptionsFromEnv(process.env);
  if (!options.ok) {
    console.error(options.message);
    process.exitCode = 1;
    return;
  }
  const launch = await launchBrowserHost({ ...options.value, open: true }, say);
  if (launch) stopOnSignals(launch, say);
}

// A Linux session without a display server (a console, SSH) has nowhere to open a window.
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const binary = noDisplay
  ? ({ ok: false, why: 'no display: DISPLAY and WAYLAND_DISPLAY are unset' } as const)
  : await ensureElectronBinary(root, say);
if (!binary.ok) {
  await startBrowserInstead(`Electron cannot run here (${binary.why})`);
} else {
  const sqlite = await ensureElectronSqlite(root, say);
  if (!sqlite.ok) {
    await startBrowserInstead(`The SQLite driver for Electron could not be built (${sqlite.why})`);
  } else {
    const child = spawn(binary.path, [root], { stdio: 'inherit' });
    // Ctrl+C reaches Electron too (same process group); this process only waits for it to quit.
    process.on('SIGINT', () => undefined);
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  }
}
