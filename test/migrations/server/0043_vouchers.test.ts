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
const MIGRATION = 'vouchers';
const SALE = '00000000-0000-7000-8000-0000000000a1';
const VOUCHER = '00000000-0000-7000-8000-0000000000b1';

describe.each(backends)(`0043_${MIGRATION} (%s)`, (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  const index = () => loadMigrations().findIndex((m) => m.name === MIGRATION);
  const product = (kind: string, vat: number, days: number | null) =>
    q(
      `INSERT INTO products (id, org_id, kind, name, unit_price, vat_rate, voucher_days)
       VALUES (gen_random_uuid(), $1, $2, 'P', 1000, $3, $4)`,
      [ORG, kind, vat, days],
    );
  const voucher = (over: Record<string, unknown> = {}) => {
    const v = {
      id: VOUCHER,
      amount: 5000,
      issued: '2026-01-01T00:00:00Z',
      expires: '2029-01-01T00:00:00Z',
      ...over,
    };
    return q(
      `INSERT INTO vouchers (id, org_id, sale_id, terminal_id, line_id, unit_index, amount, currency, issued_at,
         expires_at, key_id, secret, change_pos)
       VALUES ($1, $2, $3, $4, 'l1', 0, $5, 'EUR', $6, $7, '0123456789abcdef', 'S', 1)`,
      [v.id, ORG, SALE, TERMINAL, v.amount, v.issued, v.expires],
    );
  };

  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, index()));
    await seedTerminal(database.db);
    await seedPosSale(database.db, SALE);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('gives terminals a voucher share of 0, bounded to 0–50', async () => {
    await expect(q('SELECT voucher_share_percent FROM terminals')).rejects.toThrow(/voucher_share_percent/);
    await migrate(database.db, loadMigrations().slice(0, index() + 1));
    expect(await q('SELECT voucher_share_percent FROM terminals WHERE id = $1', [TERMINAL])).toEqual([
      { voucher_share_percent: 0 },
    ]);
    await q('UPDATE terminals SET voucher_share_percent = 50 WHERE id = $1', [TERMINAL]);
    await expect(
      q('UPDATE terminals SET voucher_share_percent = 51 WHERE id = $1', [TERMINAL]),
    ).rejects.toThrow(/check/i);
    await expect(
      q('UPDATE terminals SET voucher_share_percent = -1 WHERE id = $1', [TERMINAL]),
    ).rejects.toThrow(/check/i);
  });

  it('takes voucher products with VAT 0 only, and voucher days on vouchers only', async () => {
    await expect(product('voucher', 0, null)).rejects.toThrow();
    await migrate(database.db, loadMigrations().slice(0, index() + 1));
    await product('voucher', 0, null);
    await product('voucher', 0, 365);
    await product('merch', 1900, null);
    await expect(product('voucher', 1900, 365)).rejects.toThrow(/products_voucher_vat/);
    await expect(product('merch', 0, 365)).rejects.toThrow(/products_voucher_days_kind/);
    await expect(product('voucher', 0, 3651)).rejects.toThrow(/check/i);
    await expect(product('gift', 0, null)).rejects.toThrow(/products_kind_check/);
    expect(await q('SELECT count(*)::int AS n FROM products')).toEqual([{ n: 3 }]);
  });

  it('stores vouchers once per sold unit, active by default, with the new review kinds', async () => {
    await migrate(database.db, loadMigrations().slice(0, index() + 1));
    await voucher();
    expect(await q('SELECT status, amount::int AS amount FROM vouchers')).toEqual([
      { status: 'active', amount: 5000 },
    ]);
    await expect(voucher({ id: '00000000-0000-7000-8000-0000000000b2' })).rejects.toThrow(
      /unique|duplicate/i,
    );
    await expect(voucher({ id: '00000000-0000-7000-8000-0000000000b3', amount: 0 })).rejects.toThrow(
      /check/i,
    );
    await expect(
      voucher({ id: '00000000-0000-7000-8000-0000000000b4', expires: '2025-01-01T00:00:00Z' }),
    ).rejects.toThrow(/check/i);
    await expect(q("UPDATE vouchers SET status = 'spent'")).rejects.toThrow(/check/i);
    for (const kind of ['voucher_overspent', 'voucher_unknown']) {
      await q(
        `INSERT INTO review_items (id, org_id, kind, summary) VALUES (gen_random_uuid(), $1, $2, 'S')`,
        [ORG, kind],
      );
    }
    await expect(
      q(
        `INSERT INTO review_items (id, org_id, kind, summary) VALUES (gen_random_uuid(), $1, 'voucher_x', 'S')`,
        [ORG],
      ),
    ).rejects.toThrow(/check/i);
  });
});
