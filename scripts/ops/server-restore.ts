import { resolve } from 'node:path';
import { restorePglite, restorePostgres, ServerBackupRefused } from '../../src-server/db/backup';
import { databaseName, serverStoreFromEnv } from '../../src-server/store-location';
import { readOptions, required, runCommand } from './cli';

// `npm run server:restore -- --from <file>`: a server backup into an empty PostgreSQL database
// (DATABASE_URL) or a new PGlite data folder (SERVER_DATA_DIR); anything holding data is refused
// (docs/OPERATIONS.md "Restoring the server").

const USAGE =
  'npm run server:restore -- --from <file>   (into the empty DATABASE_URL, or a new SERVER_DATA_DIR)';

await runCommand(async () => {
  const from = resolve(
    required(readOptions(USAGE, ['from']).from, 'which backup to restore (--from)', USAGE),
  );
  const store = serverStoreFromEnv(process.env);
  if (store.kind === 'postgres') {
    await restorePostgres(store.url, from);
    console.log(`Restored ${from} into the PostgreSQL database ${databaseName(store.url)}.`);
  } else {
    await restorePglite(resolve(store.dataDir), from);
    console.log(`Restored ${from} into the PGlite data folder ${resolve(store.dataDir)}.`);
  }
  console.log(
    'Start the server on it (npm run server). Terminals that sold after this backup was made push again what the server no longer holds (docs/OPERATIONS.md "After a server restore").',
  );
}, [ServerBackupRefused]);
