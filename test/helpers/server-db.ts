import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src-server/db/database';
import { migrate } from '../../src-server/db/migrate';
import { startServer, type RunningServer } from '../../src-server/start';

export type Backend = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when DATABASE_URL is set (as .ci/run does). */
export const backends: Backend[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
export const postgresBackends: Backend[] = backends.filter((b) => b === 'postgres');

export interface TestDatabase {
  db: Database;
  /** postgres://… of the fresh database; undefined on PGlite. */
  url?: string;
  dispose(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** A fresh PostgreSQL database for one test file (or bench run) on `adminUrl`'s server, dropped afterwards. */
export async function createPostgresDatabase(
  adminUrl = process.env.DATABASE_URL,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (!adminUrl) throw new Error('DATABASE_URL is not set');
  const name = `pos_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(adminUrl, name),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function freshDatabase(
  backend: Backend,
  options: { migrated?: boolean } = {},
): Promise<TestDatabase> {
  let result: TestDatabase;
  if (backend === 'pglite') {
    const db = await openDatabase({});
    result = { db, dispose: () => db.close() };
  } else {
    const created = await createPostgresDatabase();
    const db = await openDatabase({ databaseUrl: created.url });
    result = {
      db,
      url: created.url,
      async dispose() {
        await db.close();
        await created.drop();
      },
    };
  }
  if (options.migrated ?? true) await migrate(result.db);
  return result;
}

export interface TestServer extends RunningServer {
  database: TestDatabase;
}

/** The real server on 127.0.0.1 over a fresh database of the given backend. */
export async function startTestServer(
  backend: Backend,
  options: { now?: () => Date; operatorToken?: string } = {},
): Promise<TestServer> {
  const database = await freshDatabase(backend);
  const server = await startServer({
    version: 'test',
    port: 0,
    host: '127.0.0.1',
    db: database.db,
    ...options,
  });
  return {
    ...server,
    database,
    async close() {
      await server.close();
      await database.dispose();
    },
  };
}

/** The fixed ids of seedTerminal's rows. */
export const SEEDED = {
  org: '00000000-0000-7000-8000-000000000001',
  venue: '00000000-0000-7000-8000-000000000002',
  terminal: '00000000-0000-7000-8000-000000000003',
} as const;

/** An organisation with one venue and one terminal, written by SQL for migration tests (schema 0004 on). */
export async function seedTerminal(db: Database): Promise<void> {
  await db.query("INSERT INTO organisations (id, name) VALUES ($1, 'Org')", [SEEDED.org]);
  await db.query(
    "INSERT INTO venues (id, org_id, name, currency, timezone) VALUES ($1, $2, 'Hall', 'EUR', 'UTC')",
    [SEEDED.venue, SEEDED.org],
  );
  await db.query(
    "INSERT INTO terminals (id, org_id, venue_id, name, token_hash) VALUES ($1, $2, $3, 'Till', 'h')",
    [SEEDED.terminal, SEEDED.org, SEEDED.venue],
  );
}

/** A pushed 10.00 sale of the seeded terminal, written by SQL for migration tests (schema 0005 on). */
export async function seedPosSale(db: Database, id: string): Promise<void> {
  await db.query(
    `INSERT INTO pos_sales (id, org_id, terminal_id, mutation_id, shift_id, cashier_id, receipt_no, currency, gross,
       code_discount, custom_discount, total, payload, status, created_at)
     VALUES ($1, $2, $3, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 1, 'EUR', 1000, 0, 0, 1000,
       '{}', 'completed', now())`,
    [id, SEEDED.org, SEEDED.terminal],
  );
}
