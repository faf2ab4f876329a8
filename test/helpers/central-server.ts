import { startServer } from '../../src-server/start';
import { createPostgresDatabase } from './server-db';

export interface CentralServer {
  url: string;
  port: number;
  /** 'postgres' when it runs on a fresh PostgreSQL database, else 'pglite'. */
  backend: 'postgres' | 'pglite';
  close: () => Promise<void>;
}

/**
 * Starts the real central server on 127.0.0.1 with a free port, on a fresh in-memory PGlite; with
 * `postgres` and DATABASE_URL set (as .ci/run does), on a fresh PostgreSQL database dropped on close.
 */
export async function startCentralServer(
  port = 0,
  options: { postgres?: boolean } = {},
): Promise<CentralServer> {
  if (options.postgres && process.env.DATABASE_URL) {
    const database = await createPostgresDatabase();
    try {
      const server = await startServer({
        version: 'test',
        port,
        host: '127.0.0.1',
        databaseUrl: database.url,
      });
      return {
        url: server.url,
        port: server.port,
        backend: 'postgres',
        close: async () => {
          await server.close();
          await database.drop();
        },
      };
    } catch (error) {
      await database.drop();
      throw error;
    }
  }
  const server = await startServer({ version: 'test', port, host: '127.0.0.1' });
  return { url: server.url, port: server.port, backend: 'pglite', close: () => server.close() };
}
