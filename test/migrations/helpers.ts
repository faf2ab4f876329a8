import Database from 'better-sqlite3';
import { join } from 'node:path';
import { findAppRoot } from '../../src-main/app-info';
import { loadMigrations, migrate } from '../../src-main/db/migrate';
import { makeTempDir } from '../helpers/temp-dir';

/** A database migrated up to and including `version`, with foreign keys on as the terminal runs. */
export function migratedTo(version: number): { db: Database.Database; close: () => void } {
  const temp = makeTempDir('pos-migration-');
  const db = new Database(join(temp.path, 'test.sqlite'));
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, version),
    () => '2026-01-01T00:00:00.000Z',
  );
  return {
    db,
    close: () => {
      db.close();
      temp.cleanup();
    },
  };
}

export function strictTables(db: Database.Database, names: string[]): Record<string, number> {
  const rows = db
    .prepare(
      `SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name IN (${names.map(() => '?').join(',')})`,
    )
    .all(...names) as { name: string; strict: number }[];
  return Object.fromEntries(rows.map((r) => [r.name, r.strict]));
}
