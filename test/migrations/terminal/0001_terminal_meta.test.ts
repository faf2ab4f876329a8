import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { makeTempDir } from '../../helpers/temp-dir';

describe('0001_terminal_meta', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Database.Database;
  beforeEach(() => {
    temp = makeTempDir();
    db = new Database(join(temp.path, 'test.sqlite'));
    const [first] = loadMigrations(join(findAppRoot(), 'migrations', 'terminal'));
    migrate(db, [first!], () => '2026-01-01T00:00:00.000Z');
  });
  afterEach(() => {
    db.close();
    temp.cleanup();
  });

  it('creates terminal_meta and settings as STRICT tables', () => {
    const tables = db
      .prepare(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name IN ('terminal_meta', 'settings')",
      )
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        { name: 'terminal_meta', strict: 1 },
        { name: 'settings', strict: 1 },
      ]),
    );
  });

  it('refuses a value of the wrong type', () => {
    expect(() =>
      db
        .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)')
        .run('k', Buffer.from([1, 2]), 'now'),
    ).toThrow(/cannot store BLOB value in TEXT column/);
  });

  it('keeps one value per key', () => {
    db.prepare('INSERT INTO terminal_meta (key, value) VALUES (?, ?)').run('terminal_id', 'a');
    expect(() =>
      db.prepare('INSERT INTO terminal_meta (key, value) VALUES (?, ?)').run('terminal_id', 'b'),
    ).toThrow(/UNIQUE constraint failed/);
  });
});
