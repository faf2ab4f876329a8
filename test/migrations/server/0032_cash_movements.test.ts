import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG, terminal: TERMINAL } = SEEDED;
const SHIFT = '00000000-0000-7000-8000-00000000f001';

describe.each(backends)('0032_cash_movements (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  const movement = (kind: string, amount: number) =>
    q(
      `INSERT INTO pos_cash_movements (id, org_id, terminal_id, mutation_id, shift_id, kind, amount, currency,
         reason, note, staff_id, payload, at)
       VALUES (gen_random_uuid(), $1, $2, gen_random_uuid(), $3, $4, $5, 'EUR', 'Correction', NULL, 'demo-1',
         '{}', '2026-12-06T10:00:00Z')`,
      [ORG, TERMINAL, SHIFT, kind, amount],
    );

  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 31));
    await seedTerminal(database.db);
    await migrate(database.db, loadMigrations().slice(0, 32));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('gives an existing organisation no reason lists of its own, and takes only an object', async () => {
    expect(await q('SELECT reasons FROM organisations')).toEqual([{ reasons: {} }]);
    await expect(q(`UPDATE organisations SET reasons = '[]'`)).rejects.toThrow(/check/i);
    await q(`UPDATE organisations SET reasons = '{"paid_out":["Taxi"]}'`);
    expect(await q('SELECT reasons FROM organisations')).toEqual([{ reasons: { paid_out: ['Taxi'] } }]);
  });

  it('stores a movement only with the sign its kind moves the drawer by', async () => {
    await movement('paid_in', 500);
    await movement('paid_out', -300);
    await movement('drop', -10000);
    await movement('float_change', -50);
    await movement('float_change', 50);
    await movement('no_sale', 0);
    for (const [kind, amount] of [
      ['paid_in', -500],
      ['paid_out', 300],
      ['drop', 0],
      ['float_change', 0],
      ['no_sale', 1],
      ['refund', 100],
    ] as const) {
      await expect(movement(kind, amount)).rejects.toThrow(/check/i);
    }
    expect(await q('SELECT count(*)::int AS n FROM pos_cash_movements')).toEqual([{ n: 6 }]);
  });
});
