// `npm start` launches Electron on the built app. Where the Electron binary was never downloaded
// (ELECTRON_SKIP_BINARY_DOWNLOAD=1, offline machines) it says so in one line and how to go on.
// `--check` only reports whether the binary is there.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    /** @type {unknown} */
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) {
  console.error(
    'Electron is not installed on this machine (its download was skipped): run `node node_modules/electron/install.js` with internet access, or use the browser host: `npm run start:browser`.',
  );
  process.exit(1);
}
if (process.argv.includes('--check')) {
  console.log(binary);
  process.exit(0);
}
const child = spawn(binary, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
