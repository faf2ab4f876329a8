import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, type TestDatabase } from '../../helpers/server-db';

const ORG = '00000000-0000-7000-8000-000000000001';
const CODE = '00000000-0000-7000-8000-000000000002';

describe.each(backends)('0004_redemptions (%s)', (backend) => {
  let database: TestDatabase;
  const insert = (id: string, orderId: string, overuse: { flag: boolean; reason: string | null }) =>
    database.db.query(
      `INSERT INTO redemptions (id, org_id, order_id, code_id, code_version, channel, currency, tickets, item_uses,
         discount, revenue, overuse, overuse_reason, redeemed_at)
       VALUES ($1, $2, $3, $4, 1, 'box_office', 'EUR', 1, 1, 100, 900, $5, $6, now())`,
      [id, ORG, orderId, CODE, overuse.flag, overuse.reason],
    );
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 4));
    await database.db.query("INSERT INTO organisations (id, name) VALUES ($1, 'Org')", [ORG]);
    await database.db.query(
      `INSERT INTO codes (id, org_id, code, status, name, description, benefit, rules, offline_policy)
       VALUES ($1, $2, 'C', 'active', 'n', '', '{"type":"percentage","percent":100}', '{}', 'deny')`,
      [CODE, ORG],
    );
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('allows one code per order', async () => {
    const order = '00000000-0000-7000-8000-0000000000a1';
    await insert('00000000-0000-7000-8000-0000000000b1', order, { flag: false, reason: null });
    await expect(
      insert('00000000-0000-7000-8000-0000000000b2', order, { flag: false, reason: null }),
    ).rejects.toThrow(/redemptions_order/);
  });

  it('requires a reason exactly when the row is an overuse', async () => {
    await expect(
      insert('00000000-0000-7000-8000-0000000000b3', '00000000-0000-7000-8000-0000000000a3', {
        flag: true,
        reason: null,
      }),
    ).rejects.toThrow(/check/);
    await expect(
      insert('00000000-0000-7000-8000-0000000000b4', '00000000-0000-7000-8000-0000000000a4', {
        flag: false,
        reason: 'why',
      }),
    ).rejects.toThrow(/check/);
    await insert('00000000-0000-7000-8000-0000000000b5', '00000000-0000-7000-8000-0000000000a5', {
      flag: true,
      reason: 'VIP',
    });
  });
});
