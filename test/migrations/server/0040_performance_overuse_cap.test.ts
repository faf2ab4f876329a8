import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG, venue: VENUE, terminal: TERMINAL } = SEEDED;
const EVENT = '00000000-0000-7000-8000-000000000041';
const SHOW_A = '00000000-0000-7000-8000-0000000000a1';
const SHOW_B = '00000000-0000-7000-8000-0000000000a2';
const CODE = '00000000-0000-7000-8000-0000000000c1';
const OVERUSED = '00000000-0000-7000-8000-0000000000d1';
const PLAIN = '00000000-0000-7000-8000-0000000000d2';
const MIGRATION = 'performance_overuse_cap';

describe.each(backends)(`0040_${MIGRATION} (%s)`, (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  const index = () => loadMigrations().findIndex((m) => m.name === MIGRATION);
  const sale = (id: string, lines: unknown[]) =>
    q(
      `INSERT INTO pos_sales (id, org_id, terminal_id, mutation_id, shift_id, cashier_id, receipt_no, currency, gross,
         code_discount, custom_discount, total, payload, status, created_at)
       VALUES ($1, $2, $3, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 1, 'EUR', 1000, 100, 0, 900,
         $4::jsonb, 'completed', now())`,
      [id, ORG, TERMINAL, JSON.stringify({ lines })],
    );
  const redeem = (orderId: string, overuse: boolean) =>
    q(
      `INSERT INTO redemptions (id, org_id, order_id, code_id, code_version, channel, currency, tickets, item_uses,
         discount, revenue, redeemed_at, pos_sale, overuse, overuse_reason)
       VALUES (gen_random_uuid(), $1, $2, $3, 1, 'box_office', 'EUR', 1, 1, 100, 900, now(), true, $4, $5)`,
      [ORG, orderId, CODE, overuse, overuse ? 'Regular' : null],
    );
  const show = (id: string) =>
    q(
      `INSERT INTO performances (id, org_id, event_id, starts_at, capacity, status)
       VALUES ($1, $2, $3, '2026-12-01T19:30:00Z', 100, 'on_sale')`,
      [id, ORG, EVENT],
    );

  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, index()));
    await seedTerminal(database.db);
    await q(`INSERT INTO events (id, org_id, venue_id, name) VALUES ($1, $2, $3, 'Hamlet')`, [
      EVENT,
      ORG,
      VENUE,
    ]);
    await show(SHOW_A);
    await show(SHOW_B);
    await q(
      `INSERT INTO codes (id, org_id, code, status, name, description, benefit, rules, offline_policy)
       VALUES ($1, $2, 'C1', 'active', 'n', '', '{"type":"percentage","percent":100}', '{}', 'deny')`,
      [CODE, ORG],
    );
    // Before 0040: an overuse on a sale of both performances (A on two lines, and a merch line), and a
    // plain code use on a sale of A.
    await sale(OVERUSED, [
      { performanceId: SHOW_B },
      { performanceId: SHOW_A },
      { performanceId: SHOW_A },
      { performanceId: null },
    ]);
    await sale(PLAIN, [{ performanceId: SHOW_A }]);
    await redeem(OVERUSED, true);
    await redeem(PLAIN, false);
    await migrate(database.db, loadMigrations().slice(0, index() + 1));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('records the performances of earlier overuses only, each once', async () => {
    const rows = (await q(
      'SELECT order_id AS "orderId", performance_ids AS ids FROM redemptions ORDER BY order_id',
    )) as { orderId: string; ids: string[] }[];
    expect(rows).toEqual([
      { orderId: OVERUSED, ids: [SHOW_A, SHOW_B] },
      { orderId: PLAIN, ids: [] },
    ]);
  });

  it('leaves every performance without a cap, and takes one from 0 to 10000', async () => {
    expect(await q('SELECT DISTINCT overuse_cap FROM performances')).toEqual([{ overuse_cap: null }]);
    const cap = (n: number) => q('UPDATE performances SET overuse_cap = $2 WHERE id = $1', [SHOW_A, n]);
    await cap(0);
    await cap(10_000);
    await expect(cap(-1)).rejects.toThrow(/check/);
    await expect(cap(10_001)).rejects.toThrow(/check/);
  });
});
