import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkApplied, MigrationError, parseMigrations, type Migration } from '../../shared/migrations';
import type { Db } from './connection';

export { MigrationError, type Migration, type MigrationFailure } from '../../shared/migrations';

const sha256 = (sql: string) => createHash('sha256').update(sql).digest('hex');

/** Reads `NNNN_name.sql` files; numbering must start at 1 and have no gaps or duplicates. */
export function loadMigrations(dir: string): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  return parseMigrations(
    files.map((file) => ({ file, sql: readFileSync(join(dir, file), 'utf8') })),
    sha256,
  );
}

/**
 * Brings the terminal store up to the newest migration, each in its own transaction; user_version
 * holds the schema number so a newer store is recognised before anything is touched.
 */
export function migrate(
  db: Db,
  migrations: readonly Migration[],
  now: () => string,
): { from: number; to: number } {
  const current = db.pragma('user_version', { simple: true }) as number;
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = db
    .prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
    .all() as {
    version: number;
    name: string;
    checksum: string;
  }[];
  checkApplied(current, applied, migrations, {
    store: 'data folder',
    program: 'app',
    newerAdvice: 'Install the newer version, or start with another data folder.',
  });
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  for (const migration of migrations.slice(current)) {
    const apply = db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, migration.checksum, now());
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      apply();
    } catch (error) {
      throw new MigrationError(
        'MIGRATION_FAILED',
        `Could not update the data folder to schema ${migration.version} (${migration.name}): ${(error as Error).message}. ` +
          'Nothing was changed by this step; tell your supervisor.',
      );
    }
  }
  return { from: current, to: migrations.length };
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
