import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, seedTerminal, type TestDatabase } from '../../helpers/server-db';

describe.each(backends)('0035_cash_rounding (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);

  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 34));
    await seedTerminal(database.db);
    await migrate(database.db, loadMigrations().slice(0, 35));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('keeps an existing organisation on its currency’s rule, and takes only 0 or a step', async () => {
    expect(await q('SELECT cash_rounding AS "cashRounding" FROM organisations')).toEqual([
      { cashRounding: null },
    ]);
    await q('UPDATE organisations SET cash_rounding = 5');
    await q('UPDATE organisations SET cash_rounding = 0');
    await expect(q('UPDATE organisations SET cash_rounding = -5')).rejects.toThrow(/check/i);
    await expect(q('UPDATE organisations SET cash_rounding = 10001')).rejects.toThrow(/check/i);
  });

  it('gives sales and refunds from before a rounding of 0', async () => {
    const columns = await q(
      `SELECT table_name AS "table", column_default AS dflt, is_nullable AS nullable FROM information_schema.columns
       WHERE column_name = 'cash_rounding' AND table_name IN ('pos_sales', 'pos_refunds') ORDER BY table_name`,
    );
    expect(columns).toEqual([
      { table: 'pos_refunds', dflt: '0', nullable: 'NO' },
      { table: 'pos_sales', dflt: '0', nullable: 'NO' },
    ]);
  });
});
