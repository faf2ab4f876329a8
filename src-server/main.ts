import { readFileSync } from 'node:fs';
import { ADMIN_PATH } from './admin-assets';
import { MigrationError } from './db/migrate';
import { startServer } from './start';
import { serverStoreFromEnv } from './store-location';

// `npm run server`: the central server. HOST defaults to loopback; set HOST=0.0.0.0 to serve a venue
// network. DATABASE_URL selects PostgreSQL; without it an embedded PGlite keeps its data in SERVER_DATA_DIR.

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const port = process.env.PORT ? Number(process.env.PORT) : 8787;
const host = process.env.HOST ?? '127.0.0.1';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a whole number from 0 to 65535 (got ${process.env.PORT}).`);
  process.exit(1);
}
const store = serverStoreFromEnv(process.env);
const databaseUrl = store.kind === 'postgres' ? store.url : undefined;
const dataDir = store.kind === 'pglite' ? store.dataDir : undefined;

let server: Awaited<ReturnType<typeof startServer>>;
try {
  server = await startServer({
    version: pkg.version,
    port,
    host,
    databaseUrl,
    dataDir,
    logger: process.env.LOG !== '0',
    operatorToken: process.env.SERVER_ADMIN_TOKEN || undefined,
  });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === 'EADDRINUSE'
      ? `Port ${port} is in use: set PORT to a free one.`
      : error instanceof MigrationError
        ? error.message
        : `The server could not start: ${(error as Error).message}`,
  );
  process.exit(1);
}
// One machine-readable line, so scripts and tests that start with PORT=0 learn the port.
console.log(`listening ${server.url} (${databaseUrl ? 'PostgreSQL' : `PGlite in ${dataDir}`})`);
console.log(`back office ${server.url}${ADMIN_PATH}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
