import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { findAppRoot } from '../../../src-main/app-info';
import { join } from 'node:path';
import { migratedTo, strictTables } from '../helpers';

describe('0010_server_pin_lockout', () => {
  let m: ReturnType<typeof migratedTo>;
  beforeEach(() => {
    m = migratedTo(9);
    m.db.prepare(`INSERT INTO roles VALUES ('seller', 'Seller', '["sell"]', 1000, 500)`).run();
    m.db
      .prepare(
        `INSERT INTO staff (id, name, role_id, pin_hash, failed_attempts, locked_until)
         VALUES ('s1', 'Sam', 'seller', 'h', 3, '2026-01-01T00:05:00.000Z')`,
      )
      .run();
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 10),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  it('keeps the terminal’s own count and lock, and starts the server’s view empty', () => {
    expect(m.db.prepare('SELECT * FROM staff').get()).toMatchObject({
      failed_attempts: 3,
      locked_until: '2026-01-01T00:05:00.000Z',
      server_pin_failures: 0,
      server_pin_locked_until: null,
    });
    expect(strictTables(m.db, ['staff'])).toEqual({ staff: 1 });
  });

  it('refuses a negative server count', () => {
    expect(() => m.db.prepare('UPDATE staff SET server_pin_failures = -1').run()).toThrow(
      /CHECK constraint failed/,
    );
  });
});
