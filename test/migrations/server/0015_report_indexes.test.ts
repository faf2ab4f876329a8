import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG, terminal: TERMINAL } = SEEDED;
const CODE = '00000000-0000-7000-8000-0000000000b1';
const SALE = '00000000-0000-7000-8000-0000000000b2';
const ONLINE_ORDER = '00000000-0000-7000-8000-0000000000b3';

describe.each(backends)('0015_report_indexes (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  const redeem = (orderId: string) =>
    q(
      `INSERT INTO redemptions (id, org_id, order_id, code_id, code_version, channel, currency, tickets, item_uses,
         discount, revenue, redeemed_at)
       VALUES (gen_random_uuid(), $1, $2, $3, 1, 'box_office', 'EUR', 1, 1, 100, 900, now())`,
      [ORG, orderId, CODE],
    );

  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 14));
    await seedTerminal(database.db);
    await q(
      `INSERT INTO codes (id, org_id, code, status, name, description, benefit, rules, offline_policy)
       VALUES ($1, $2, 'C1', 'active', 'n', '', '{"type":"percentage","percent":100}', '{}', 'deny')`,
      [CODE, ORG],
    );
    // Before 0015: a pushed sale with its code use, and a code use with no sale behind it.
    await q(
      `INSERT INTO pos_sales (id, org_id, terminal_id, mutation_id, shift_id, cashier_id, receipt_no, currency, gross,
         code_discount, custom_discount, total, payload, status, created_at)
       VALUES ($1, $2, $3, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 1, 'EUR', 1000, 100, 0, 900,
         '{}', 'completed', now())`,
      [SALE, ORG, TERMINAL],
    );
    await redeem(SALE);
    await redeem(ONLINE_ORDER);
    await migrate(database.db, loadMigrations().slice(0, 15));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('marks the code uses that belong to a pushed sale, so an order is counted once', async () => {
    expect(await q('SELECT order_id, pos_sale FROM redemptions ORDER BY order_id')).toEqual([
      { order_id: SALE, pos_sale: true },
      { order_id: ONLINE_ORDER, pos_sale: false },
    ]);
    // A use recorded later takes false unless the push says otherwise.
    await q('DELETE FROM redemptions WHERE order_id = $1', [ONLINE_ORDER]);
    await redeem(ONLINE_ORDER);
    expect(await q('SELECT pos_sale FROM redemptions WHERE order_id = $1', [ONLINE_ORDER])).toEqual([
      { pos_sale: false },
    ]);
  });
});
