import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { migratedTo, strictTables } from '../helpers';

describe('0011_role_overuse_caps', () => {
  let m: ReturnType<typeof migratedTo>;
  beforeEach(() => {
    m = migratedTo(10);
    m.db
      .prepare(
        `INSERT INTO roles VALUES ('supervisor', 'Supervisor', '["sell","overuse.grant"]', 5000, 5000)`,
      )
      .run();
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 11),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  it('leaves pulled roles without a cap until the next pull says otherwise, and stays strict', () => {
    expect(m.db.prepare('SELECT id, overuse_cap FROM roles').get()).toEqual({
      id: 'supervisor',
      overuse_cap: null,
    });
    m.db.prepare('UPDATE roles SET overuse_cap = 3').run();
    expect(strictTables(m.db, ['roles'])).toEqual({ roles: 1 });
  });

  it('refuses a negative cap and one that is no integer', () => {
    expect(() => m.db.prepare('UPDATE roles SET overuse_cap = -1').run()).toThrow(/CHECK constraint failed/);
    expect(() => m.db.prepare("UPDATE roles SET overuse_cap = 'many'").run()).toThrow(/cannot store TEXT/);
  });
});
