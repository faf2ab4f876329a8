import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';

/** What repos need from a connection or a transaction: one parameterised statement at a time. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/**
 * The one database interface over both backends. PostgreSQL (pg pool) for deployments, PGlite (the
 * same engine compiled to WebAssembly) when no DATABASE_URL is given; repos run the same SQL on both.
 */
export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… selects PostgreSQL. */
  databaseUrl?: string;
  /** PGlite data folder; omitted = in memory. */
  dataDir?: string;
  /** A PGlite backup (dumpDataDir's tarball) to fill a new data folder from: the server restore. */
  loadDataDir?: Blob;
  poolSize?: number;
}

/**
 * The extensions the migrations create (0023: pg_trgm for the customer search). PostgreSQL has them in
 * its contrib; PGlite must be given its own builds when it opens, on every open of a data folder.
 */
export const PGLITE_EXTENSIONS = { pg_trgm };

const INT8 = 20;
const NUMERIC = 1700;
const TIMESTAMPTZ = 1184;

// Money and counters are BIGINT; every amount we store is a safe integer, so a number is exact.
const toNumber = (value: string): number => Number(value);
const toIso = (value: string): string => new Date(value).toISOString();

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : openPglite(options.dataDir, options.loadDataDir);
}

function openPostgres(url: string, max: number): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8 || oid === NUMERIC) return toNumber;
        if (oid === TIMESTAMPTZ) return toIso;
        return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const run = async <T>(client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) =>
    (await client.query(sql, params as unknown[] | undefined)).rows as T[];
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: (sql, params) => run(client, sql, params),
          exec: async (sql) => void (await client.query(sql)),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string | undefined, loadDataDir: Blob | undefined): Promise<Database> {
  // Options go in the one-argument form: PGlite ignores them after an undefined data folder.
  const db = new PGlite({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: PGLITE_EXTENSIONS,
    parsers: { [INT8]: toNumber, [NUMERIC]: toNumber, [TIMESTAMPTZ]: toIso },
  });
  await db.waitReady;
  return {
    kind: 'pglite',
    query: async (sql, params) => (await db.query(sql, params as unknown[] | undefined)).rows as never,
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          query: async (sql, params) => (await tx.query(sql, params as unknown[] | undefined)).rows as never,
          exec: async (sql) => void (await tx.exec(sql)),
        }),
      ),
    async exec(sql) {
      await db.exec(sql);
    },
    close: () => db.close(),
  };
}

/** SQLSTATE 40P01: PostgreSQL chose this transaction to break a deadlock and rolled it back. */
const DEADLOCK = '40P01';
const DEADLOCK_TRIES = 5;

/**
 * Runs a whole transaction again when PostgreSQL breaks a deadlock by rolling it back. The selling side
 * runs side by side (change-pos.ts) and locks shared rows (codes, performances, seats, customers) in
 * the order its sales name them, so two batches can wait on each other; the loser rolled back whole, so
 * running it again is the same as running it late. `run` must start its own transaction.
 */
export async function retryingDeadlocks<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if ((error as { code?: unknown }).code !== DEADLOCK || attempt >= DEADLOCK_TRIES) throw error;
      // A short random pause, so the two do not meet in the same order again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
