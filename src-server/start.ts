import type { AddressInfo } from 'node:net';
import { buildServer } from './app';
import { BackgroundTasks, type ServerContext } from './context';
import { openDatabase, type Database } from './db/database';
import { migrate } from './db/migrate';
import type { App } from './routes/common';

export interface StartOptions {
  version: string;
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir?: string;
  logger?: boolean;
  /** An already open database (tests); it is not closed by close(). */
  db?: Database;
  now?: () => Date;
  /** SERVER_ADMIN_TOKEN: lets the operator create organisations over the API. */
  operatorToken?: string;
}

export interface RunningServer {
  app: App;
  context: ServerContext;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Opens the database, applies pending migrations and serves: what `npm run server` and tests run. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const db =
    options.db ?? (await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir }));
  try {
    await migrate(db);
    const context: ServerContext = {
      db,
      now: options.now ?? (() => new Date()),
      background: new BackgroundTasks(),
      operatorToken: options.operatorToken,
    };
    const app = await buildServer({ version: options.version, logger: options.logger, context });
    await app.listen({ port: options.port, host: options.host });
    const port = (app.server.address() as AddressInfo).port;
    let closing: Promise<void> | undefined;
    return {
      app,
      context,
      url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
      port,
      // Idempotent: tests stop a server to go offline and their cleanup stops it again.
      close() {
        closing ??= (async () => {
          await app.close();
          if (!options.db) await db.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    if (!options.db) await db.close().catch(() => undefined);
    throw error;
  }
}
