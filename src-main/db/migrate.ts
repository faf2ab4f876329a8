import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './connection';

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

/** Reads `NNNN_name.sql` files; numbering must start at 1 and have no gaps or duplicates. */
export function loadMigrations(dir: string): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const migrations = files.map((file, index): Migration => {
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
  return migrations;
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Brings the database up to the newest migration, each in its own transaction. Refuses a database
 * written by a newer app (its user_version is beyond what we know) and a shipped migration that was
 * edited afterwards, since both would silently corrupt data.
 */
export function migrate(
  db: Db,
  migrations: readonly Migration[],
  now: () => string,
): { from: number; to: number } {
  const latest = migrations.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new MigrationError(
      'DB_NEWER_THAN_APP',
      `This data folder was written by a newer version of the app (schema ${current}; this app knows up to ${latest}). ` +
        'Install the newer version, or start with another data folder.',
    );
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = db
    .prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
    .all() as AppliedRow[];
  for (const row of applied) {
    const known = migrations[row.version - 1];
    if (!known) {
      throw new MigrationError(
        'MIGRATION_MISSING',
        `Migration ${row.version} (${row.name}) was applied to this data folder but is missing from the app. Reinstall the app.`,
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
  return { from: current, to: latest };
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
