import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import {
  backends,
  freshDatabase,
  seedPosSale,
  seedTerminal,
  SEEDED,
  type TestDatabase,
} from '../../helpers/server-db';

const { org: ORG, terminal: TERMINAL } = SEEDED;
const MIGRATION = 'credit_vouchers';
const SALE = '00000000-0000-7000-8000-0000000000a1';
const REFUND = '00000000-0000-7000-8000-0000000000c1';
const SOLD = '00000000-0000-7000-8000-0000000000b1';

describe.each(backends)(`0044_${MIGRATION} (%s)`, (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  const index = () => loadMigrations().findIndex((m) => m.name === MIGRATION);
  const voucher = (id: string, line: string | null, unit: number | null, refund: string | null) =>
    q(
      `INSERT INTO vouchers (id, org_id, sale_id, terminal_id, line_id, unit_index, refund_id, amount, currency,
         issued_at, expires_at, key_id, secret, change_pos)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 2500, 'EUR', '2026-01-01T00:00:00Z', '2029-01-01T00:00:00Z',
         '0123456789abcdef', 'S', 1)`,
      [id, ORG, SALE, TERMINAL, line, unit, refund],
    );

  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, index()));
    await seedTerminal(database.db);
    await seedPosSale(database.db, SALE);
    await q(
      `INSERT INTO vouchers (id, org_id, sale_id, terminal_id, line_id, unit_index, amount, currency, issued_at,
         expires_at, key_id, secret, change_pos)
       VALUES ($1, $2, $3, $4, 'l1', 0, 5000, 'EUR', '2026-01-01T00:00:00Z', '2029-01-01T00:00:00Z',
         '0123456789abcdef', 'S', 1)`,
      [SOLD, ORG, SALE, TERMINAL],
    );
    await q(
      `INSERT INTO pos_refunds (id, org_id, terminal_id, sale_id, mutation_id, kind, shift_id, staff_id, amount,
         payload, created_at)
       VALUES ($1, $2, $3, $4, gen_random_uuid(), 'refund', gen_random_uuid(), gen_random_uuid(), 2500, '{}',
         '2026-01-01T00:00:00Z')`,
      [REFUND, ORG, TERMINAL, SALE],
    );
    await migrate(database.db, loadMigrations().slice(0, index() + 1));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('keeps a sold voucher as it was, naming no refund', async () => {
    expect(await q('SELECT id::text AS id, line_id, unit_index, refund_id FROM vouchers')).toEqual([
      { id: SOLD, line_id: 'l1', unit_index: 0, refund_id: null },
    ]);
  });

  it('takes a credit voucher naming its refund, and exactly one of refund or unit', async () => {
    await voucher('00000000-0000-7000-8000-0000000000b2', null, null, REFUND);
    await voucher('00000000-0000-7000-8000-0000000000b3', null, null, REFUND);
    for (const [id, line, unit, refund] of [
      ['00000000-0000-7000-8000-0000000000b4', 'l2', 0, REFUND],
      ['00000000-0000-7000-8000-0000000000b5', null, null, null],
      ['00000000-0000-7000-8000-0000000000b6', 'l2', null, null],
      ['00000000-0000-7000-8000-0000000000b7', null, 1, REFUND],
    ] as const)
      await expect(voucher(id, line, unit, refund)).rejects.toThrow(/vouchers_sold_or_credit/);
    // The sold unit still has one voucher only.
    await expect(voucher('00000000-0000-7000-8000-0000000000b8', 'l1', 0, null)).rejects.toThrow(
      /unique|duplicate/i,
    );
  });

  it('checks the refund a credit voucher names at commit', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO vouchers (id, org_id, sale_id, terminal_id, refund_id, amount, currency, issued_at, expires_at,
             key_id, secret, change_pos)
           VALUES ('00000000-0000-7000-8000-0000000000b9', $1, $2, $3, '00000000-0000-7000-8000-0000000000c9', 100,
             'EUR', '2026-01-01T00:00:00Z', '2029-01-01T00:00:00Z', '0123456789abcdef', 'S', 1)`,
          [ORG, SALE, TERMINAL],
        );
      }),
    ).rejects.toThrow(/foreign key/i);
  });
});
