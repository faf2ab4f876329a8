import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STAGED_APP_DIR, stageApp, StageError } from './packaging/stage-app';
import { electronAbi, ensureElectronSqlite } from './start/electron-runtime';

// `npm run dist` (after `npm run build`): Electron's build of the SQLite addon, the staged app folder,
// then electron-builder packages that folder for this platform.

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const sqlite = await ensureElectronSqlite(root, (line) => console.log(line));
if (!sqlite.ok) {
  console.error(`The SQLite driver for Electron could not be built (${sqlite.why}); nothing was packaged.`);
  process.exit(1);
}
try {
  const files = stageApp({
    root,
    out: join(root, STAGED_APP_DIR),
    abi: electronAbi(root),
    platform: process.platform,
    arch: process.arch,
  });
  console.log(`Staged ${files.length} files in ${STAGED_APP_DIR}`);
} catch (error) {
  if (!(error instanceof StageError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const builder = createRequire(import.meta.url).resolve('electron-builder/cli.js');
const run = spawnSync(
  process.execPath,
  [builder, '--config', 'electron-builder.yml', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(run.status ?? 1);
