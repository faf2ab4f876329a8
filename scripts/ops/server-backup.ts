import { resolve } from 'node:path';
import { dumpPglite, dumpPostgres, ServerBackupRefused } from '../../src-server/db/backup';
import { databaseName, serverStoreFromEnv } from '../../src-server/store-location';
import { megabytes, readOptions, required, runCommand } from './cli';

// `npm run server:backup -- --out <file>`: PostgreSQL (DATABASE_URL) with pg_dump's custom format, at
// any time; the embedded PGlite (SERVER_DATA_DIR) as a tarball, while the server is stopped
// (docs/OPERATIONS.md "Server backups").

const USAGE = 'npm run server:backup -- --out <file>   (DATABASE_URL, or SERVER_DATA_DIR for PGlite)';

await runCommand(async () => {
  const out = resolve(required(readOptions(USAGE, ['out']).out, 'where to write the backup (--out)', USAGE));
  const store = serverStoreFromEnv(process.env);
  if (store.kind === 'postgres') {
    const made = await dumpPostgres(store.url, out);
    console.log(
      `Backed up the PostgreSQL database ${databaseName(store.url)} to ${out} (${megabytes(made.bytes)}, pg_dump custom format).`,
    );
  } else {
    const made = await dumpPglite(resolve(store.dataDir), out);
    console.log(
      `Backed up the PGlite data in ${resolve(store.dataDir)} to ${out} (${megabytes(made.bytes)}, gzipped tar).`,
    );
  }
}, [ServerBackupRefused]);
