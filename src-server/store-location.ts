// Where the server keeps its data, read once from the environment by `npm run server` and by the
// backup commands (docs/OPERATIONS.md "Server backups"), so they cannot disagree.

export const DEFAULT_SERVER_DATA_DIR = './.data/server';

export type ServerStore = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

/** DATABASE_URL selects PostgreSQL; without it the embedded PGlite keeps its data in SERVER_DATA_DIR. */
export function serverStoreFromEnv(env: NodeJS.ProcessEnv): ServerStore {
  const url = env.DATABASE_URL || undefined;
  return url
    ? { kind: 'postgres', url }
    : { kind: 'pglite', dataDir: env.SERVER_DATA_DIR ?? DEFAULT_SERVER_DATA_DIR };
}

/** The database a PostgreSQL URL names, for sentences: never the URL, which may hold a password. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || '(the default database)';
}
