import Database from 'better-sqlite3';
import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../src-main/app-info';
import { loadMigrations, migrate, MigrationError, schemaVersion } from '../../src-main/db/migrate';
import { makeTempDir } from '../helpers/temp-dir';

const shipped = join(findAppRoot(), 'migrations', 'terminal');
const now = () => '2026-01-01T00:00:00.000Z';

function failureOf(fn: () => unknown): MigrationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof MigrationError) return error;
    throw error;
  }
  throw new Error('expected a MigrationError');
}

describe('migrate', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Database.Database;
  beforeEach(() => {
    temp = makeTempDir();
    db = new Database(join(temp.path, 'test.sqlite'));
  });
  afterEach(() => {
    db.close();
    temp.cleanup();
  });

  it('applies every shipped migration in order and records each one', () => {
    const migrations = loadMigrations(shipped);
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(migrate(db, migrations, now)).toEqual({ from: 0, to: migrations.length });
    expect(schemaVersion(db)).toBe(migrations.length);
    const rows = db.prepare('SELECT version, checksum FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, checksum: m.checksum })));
  });

  it('does nothing when run twice', () => {
    const migrations = loadMigrations(shipped);
    migrate(db, migrations, now);
    expect(migrate(db, migrations, now)).toEqual({ from: migrations.length, to: migrations.length });
  });

  it('refuses a database written by a newer app', () => {
    const migrations = loadMigrations(shipped);
    migrate(db, migrations, now);
    db.pragma(`user_version = ${migrations.length + 1}`);
    const failure = failureOf(() => migrate(db, migrations, now));
    expect(failure.reason).toBe('DB_NEWER_THAN_APP');
    expect(failure.message).toContain('newer version');
  });

  it('refuses a shipped migration that was edited after it was applied', () => {
    const dir = join(temp.path, 'migrations');
    cpSync(shipped, dir, { recursive: true });
    migrate(db, loadMigrations(dir), now);
    const first = readdirSync(dir).sort()[0] as string;
    writeFileSync(join(dir, first), '-- edited\nSELECT 1;', { flag: 'a' });
    expect(failureOf(() => migrate(db, loadMigrations(dir), now)).reason).toBe('MIGRATION_CHANGED');
  });

  it('refuses numbering with a gap', () => {
    const dir = join(temp.path, 'gap');
    cpSync(shipped, dir, { recursive: true });
    writeFileSync(join(dir, '0099_late.sql'), 'SELECT 1;');
    expect(failureOf(() => loadMigrations(dir)).reason).toBe('MIGRATIONS_INVALID');
  });

  it('rolls a failing migration back completely', () => {
    const dir = join(temp.path, 'broken');
    cpSync(shipped, dir, { recursive: true });
    const next = String(readdirSync(dir).length + 1).padStart(4, '0');
    writeFileSync(
      join(dir, `${next}_broken.sql`),
      'CREATE TABLE half_done (id INTEGER) STRICT;\nSELECT * FROM no_such_table;',
    );
    const migrations = loadMigrations(dir);
    const failure = failureOf(() => migrate(db, migrations, now));
    expect(failure.reason).toBe('MIGRATION_FAILED');
    expect(schemaVersion(db)).toBe(migrations.length - 1);
    const table = db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get();
    expect(table).toBeUndefined();
  });
});

describe('terminal migrations', () => {
  it('has a test file for every migration', () => {
    const tests = new Set(readdirSync(join(findAppRoot(), 'test', 'migrations', 'terminal')));
    for (const migration of loadMigrations(shipped)) {
      const name = `${String(migration.version).padStart(4, '0')}_${migration.name}.test.ts`;
      expect(tests.has(name), `test/migrations/terminal/${name}`).toBe(true);
    }
  });
});
