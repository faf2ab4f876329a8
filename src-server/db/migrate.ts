import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database, Queryable } from './database';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export type MigrationFailure =
  'DB_NEWER_THAN_APP' | 'MIGRATION_CHANGED' | 'MIGRATION_MISSING' | 'MIGRATIONS_INVALID' | 'MIGRATION_FAILED';

export class MigrationError extends Error {
  constructor(
    readonly reason: MigrationFailure,
    message: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;
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
  return files.map((file, index): Migration => {
    const match = FILE_PATTERN.exec(file);
    if (!match) {
      throw new MigrationError(
        'MIGRATIONS_INVALID',
        `Migration file ${file} must be named NNNN_snake_name.sql.`,
      );
    }
    const version = Number(match[1]);
    if (version !== index + 1) {
      throw new MigrationError(
        'MIGRATIONS_INVALID',
        `Migration ${file} should be number ${index + 1}: migrations are numbered 1, 2, 3… without gaps.`,
      );
    }
    const sql = readFileSync(join(dir, file), 'utf8');
    return {
      version,
      name: match[2] as string,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    };
  });
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

async function checkApplied(tx: Queryable, migrations: readonly Migration[]): Promise<number> {
  await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`);
  const applied = await tx.query<AppliedRow>(
    'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
  );
  const latest = migrations.length;
  const current = applied.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new MigrationError(
      'DB_NEWER_THAN_APP',
      `This database was written by a newer version of the server (schema ${current}; this server knows up to ${latest}). ` +
        'Run the newer server, or point DATABASE_URL at another database.',
    );
  }
  for (const row of applied) {
    const known = migrations[row.version - 1];
    if (!known) {
      throw new MigrationError(
        'MIGRATION_MISSING',
        `Migration ${row.version} (${row.name}) was applied to this database but is missing from the server. Reinstall the server.`,
      );
    }
    if (known.checksum !== row.checksum) {
      throw new MigrationError(
        'MIGRATION_CHANGED',
        `Migration ${row.version} (${row.name}) changed after it was applied. Shipped migrations are never edited: ` +
          'restore the original file and add a new migration instead.',
      );
    }
  }
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
      const current = await checkApplied(tx, migrations);
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
