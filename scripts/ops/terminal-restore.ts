import { resolve } from 'node:path';
import { findAppRoot } from '../../src-main/app-info';
import { BackupError } from '../../src-main/db/backup';
import { restoreStore, RestoreRefused } from '../../src-main/db/restore';
import { readOptions, required, runCommand } from './cli';

// `npm run terminal:restore -- --data <folder> --from <file>`: a backup in place of a terminal's
// store, while the terminal is closed; the store it replaces is moved aside, never deleted
// (docs/OPERATIONS.md "Restoring a terminal").

const USAGE = 'npm run terminal:restore -- --data <data folder> --from <backup file>';

await runCommand(async () => {
  const options = readOptions(USAGE, ['data', 'from']);
  const dataDir = resolve(
    required(options.data ?? process.env.POS_DATA_DIR, 'which data folder to restore (--data)', USAGE),
  );
  const from = resolve(required(options.from, 'which backup to restore (--from)', USAGE));
  const restored = await restoreStore({ dataDir, from, appRoot: findAppRoot(), now: new Date() });
  console.log(
    `Restored ${dataDir} from ${from}: ${restored.sales} sales, outbox up to seq ${restored.lastSeq}.`,
  );
  console.log(
    restored.setAside
      ? `The store it replaced is kept in ${restored.setAside}; nothing was deleted.`
      : 'The folder held no store before.',
  );
  console.log(
    'Start the terminal. If it is enrolled and sent sales after this backup was made, the server stops taking its sales at the next sync; a manager then enrols it again, and it sends its sales again (docs/OPERATIONS.md "After a restore").',
  );
}, [RestoreRefused, BackupError]);
