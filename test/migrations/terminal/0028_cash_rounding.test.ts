import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { migratedTo } from '../helpers';

describe('0028_cash_rounding', () => {
  let m: ReturnType<typeof migratedTo>;

  beforeEach(() => {
    m = migratedTo(27);
    m.db.exec(
      `INSERT INTO venues (id, name, currency, timezone) VALUES ('v1', 'Hall', 'CHF', 'Europe/Zurich')`,
    );
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 28),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  const column = (table: string, name: string) =>
    m.db
      .prepare(
        `SELECT type, "notnull" AS required, dflt_value AS dflt FROM pragma_table_info(?) WHERE name = ?`,
      )
      .get(table, name);

  it('gives sales and refunds a rounding of 0 unless one is recorded', () => {
    expect(column('sales', 'cash_rounding')).toEqual({ type: 'INTEGER', required: 1, dflt: '0' });
    expect(column('refunds', 'cash_rounding')).toEqual({ type: 'INTEGER', required: 1, dflt: '0' });
    expect(column('remote_refunds', 'cash_rounding')).toEqual({ type: 'INTEGER', required: 1, dflt: '0' });
  });

  it('keeps a venue from before on its currency’s rule, and takes only a step or 0', () => {
    expect(m.db.prepare('SELECT cash_rounding FROM venues').get()).toEqual({ cash_rounding: null });
    expect(() => m.db.exec('UPDATE venues SET cash_rounding = 5')).not.toThrow();
    expect(() => m.db.exec('UPDATE venues SET cash_rounding = 0')).not.toThrow();
    expect(() => m.db.exec('UPDATE venues SET cash_rounding = -5')).toThrow(/CHECK/);
    expect(() => m.db.exec('UPDATE venues SET cash_rounding = 10001')).toThrow(/CHECK/);
  });
});
