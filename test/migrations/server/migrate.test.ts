import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  loadMigrations,
  migrate,
  MigrationError,
  schemaVersion,
  serverMigrationsDir,
} from '../../../src-server/db/migrate';
import { backends, freshDatabase, type TestDatabase } from '../../helpers/server-db';
import { makeTempDir } from '../../helpers/temp-dir';

async function failureOf(fn: () => Promise<unknown>): Promise<MigrationError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof MigrationError) return error;
    throw error;
  }
  throw new Error('expected a MigrationError');
}

describe.each(backends)('server migrate (%s)', (backend) => {
  let database: TestDatabase;
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    temp = makeTempDir();
  });
  afterEach(async () => {
    await database.dispose();
    temp.cleanup();
  });

  it('applies every shipped migration in order and records each checksum', async () => {
    const migrations = loadMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(await migrate(database.db, migrations)).toEqual({ from: 0, to: migrations.length });
    expect(await schemaVersion(database.db)).toBe(migrations.length);
    const rows = await database.db.query('SELECT version, checksum FROM schema_migrations ORDER BY version');
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, checksum: m.checksum })));
  });

  it('does nothing when run twice', async () => {
    const migrations = loadMigrations();
    await migrate(database.db, migrations);
    expect(await migrate(database.db, migrations)).toEqual({
      from: migrations.length,
      to: migrations.length,
    });
  });

  it('refuses a database written by a newer server', async () => {
    const migrations = loadMigrations();
    await migrate(database.db, migrations);
    await database.db.query(
      "INSERT INTO schema_migrations (version, name, checksum) VALUES (99, 'future', 'x')",
    );
    const failure = await failureOf(() => migrate(database.db, migrations));
    expect(failure.reason).toBe('DB_NEWER_THAN_APP');
  });

  it('refuses a shipped migration that was edited after it was applied', async () => {
    const dir = join(temp.path, 'migrations');
    cpSync(serverMigrationsDir(), dir, { recursive: true });
    await migrate(database.db, loadMigrations(dir));
    writeFileSync(join(dir, '0001_organisations_and_staff.sql'), '-- edited\nSELECT 1;');
    const failure = await failureOf(() => migrate(database.db, loadMigrations(dir)));
    expect(failure.reason).toBe('MIGRATION_CHANGED');
  });

  it('rolls back a failing migration and keeps the ones before it', async () => {
    const dir = join(temp.path, 'migrations');
    cpSync(serverMigrationsDir(), dir, { recursive: true });
    const next = loadMigrations(dir).length + 1;
    writeFileSync(
      join(dir, `${String(next).padStart(4, '0')}_broken.sql`),
      'CREATE TABLE half_done (id INTEGER);\nSELECT * FROM no_such_table;',
    );
    const failure = await failureOf(() => migrate(database.db, loadMigrations(dir)));
    expect(failure.reason).toBe('MIGRATION_FAILED');
    expect(await schemaVersion(database.db)).toBe(next - 1);
    const leftovers = await database.db.query(
      "SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'",
    );
    expect(leftovers).toEqual([]);
  });

  it('refuses gaps in the numbering', () => {
    const dir = join(temp.path, 'gappy');
    cpSync(serverMigrationsDir(), dir, { recursive: true });
    writeFileSync(join(dir, '0999_late.sql'), 'SELECT 1;');
    expect(() => loadMigrations(dir)).toThrow(MigrationError);
  });

  it('applies each migration once when two processes migrate at the same time', async () => {
    if (backend !== 'postgres') {
      // PGlite has one connection: concurrency here is the same code path run twice in a row.
      await Promise.all([migrate(database.db), migrate(database.db)]);
    } else {
      const second = await import('../../../src-server/db/database').then((m) =>
        m.openDatabase({ databaseUrl: database.url }),
      );
      try {
        await Promise.all([migrate(database.db), migrate(second)]);
      } finally {
        await second.close();
      }
    }
    const rows = await database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0]?.n).toBe(loadMigrations().length);
  });
});
