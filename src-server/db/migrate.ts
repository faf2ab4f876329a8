import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkApplied, MigrationError, parseMigrations, type Migration } from '../../shared/migrations';
import type { Database, Queryable } from './database';

export { MigrationError, type Migration, type MigrationFailure } from '../../shared/migrations';

const sha256 = (sql: string) => createHash('sha256').update(sql).digest('hex');

// Any constant shared by every server process: migrations run one process at a time.
const MIGRATION_LOCK = 7_261_001;

/** The shipped server migrations, next to package.json. */
export function serverMigrationsDir(): string {
  return new URL('../../migrations/server', import.meta.url).pathname;
}

/** Reads `NNNN_name.sql` files; numbering must start at 1 and have no gaps or duplicates. */
export function loadMigrations(dir: string = serverMigrationsDir()): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  return parseMigrations(
    files.map((file) => ({ file, sql: readFileSync(join(dir, file), 'utf8') })),
    sha256,
  );
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

async function verifiedVersion(tx: Queryable, migrations: readonly Migration[]): Promise<number> {
  await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`);
  const applied = await tx.query<AppliedRow>(
    'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
  );
  const current = applied.at(-1)?.version ?? 0;
  checkApplied(current, applied, migrations, {
    store: 'database',
    program: 'server',
    newerAdvice: 'Run the newer server, or point DATABASE_URL at another database.',
  });
  return current;
}

/**
 * Brings the database up to the newest migration, each in its own transaction under an advisory lock,
 * so several server processes starting together apply each migration exactly once. Refuses a database
 * written by a newer server and a shipped migration edited afterwards: both would corrupt data silently.
 */
export async function migrate(
  db: Database,
  migrations: readonly Migration[] = loadMigrations(),
): Promise<{ from: number; to: number }> {
  let from: number | undefined;
  for (;;) {
    const step = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const current = await verifiedVersion(tx, migrations);
      from ??= current;
      const next = migrations[current];
      if (!next) return 'done' as const;
      try {
        // One script, several statements: the simple query protocol runs them in this transaction.
        await tx.exec(next.sql);
      } catch (error) {
        throw new MigrationError(
          'MIGRATION_FAILED',
          `Could not update the database to schema ${next.version} (${next.name}): ${(error as Error).message}. ` +
            'Nothing was changed by this step.',
        );
      }
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        next.version,
        next.name,
        next.checksum,
      ]);
      return 'applied' as const;
    });
    if (step === 'done') return { from: from ?? 0, to: migrations.length };
  }
}

export async function schemaVersion(db: Queryable): Promise<number> {
  const rows = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return rows[0]?.v ?? 0;
}
