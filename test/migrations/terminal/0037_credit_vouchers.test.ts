import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { migratedTo, strictTables } from '../helpers';

const AT = '2026-12-07T10:00:00.000Z';

describe('0037_credit_vouchers', () => {
  let m: ReturnType<typeof migratedTo>;

  beforeEach(() => {
    m = migratedTo(36);
    m.db.exec(`
      INSERT INTO roles (id, name, permissions, custom_ceiling_percent, custom_ceiling_amount)
        VALUES ('seller', 'Seller', '["sell"]', 0, 0);
      INSERT INTO staff (id, name, role_id, pin_hash, active) VALUES ('s', 'Sam', 'seller', 'h', 1);
      INSERT INTO shifts (id, opened_by, opened_at, opening_float) VALUES ('sh1', 's', '${AT}', 0);
      INSERT INTO sales (id, receipt_no, shift_id, cashier_id, currency, gross, code_discount, custom_discount,
          total, status, created_at)
        VALUES ('sale1', 1, 'sh1', 's', 'EUR', 7000, 0, 0, 7000, 'completed', '${AT}');
      INSERT INTO sale_lines (id, sale_id, line_no, kind, item_id, name, qty, unit_price, vat_rate, gross,
          code_discount, custom_discount, total)
        VALUES ('line1', 'sale1', 1, 'voucher', 'gv', 'Gift', 1, 5000, 0, 5000, 0, 0, 5000),
          ('line2', 'sale1', 2, 'merch', 'mug', 'Mug', 1, 2000, 0, 2000, 0, 0, 2000);
      INSERT INTO vouchers (id, sale_id, line_id, unit_index, amount, currency, issued_at, expires_at, secret, key_id)
        VALUES ('v1', 'sale1', 'line1', 0, 5000, 'EUR', '${AT}', '${AT}', 'code', '0011223344556677');
      INSERT INTO refunds (id, refund_no, sale_id, kind, shift_id, staff_id, reason, amount, created_at)
        VALUES ('r1', 1, 'sale1', 'refund', 'sh1', 's', 'Customer request', 2000, '${AT}');`);
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 37),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  const credit = (id: string, line: string | null, unit: number | null, refund: string | null) =>
    m.db
      .prepare(
        `INSERT INTO vouchers (id, sale_id, line_id, unit_index, refund_id, amount, currency, issued_at, expires_at)
         VALUES (?, 'sale1', ?, ?, ?, 2000, 'EUR', '${AT}', '${AT}')`,
      )
      .run(id, line, unit, refund);

  it('keeps every sold voucher and column, in a strict table naming no refund', () => {
    expect(m.db.prepare('SELECT * FROM vouchers').all()).toEqual([
      {
        id: 'v1',
        sale_id: 'sale1',
        line_id: 'line1',
        unit_index: 0,
        amount: 5000,
        currency: 'EUR',
        issued_at: AT,
        expires_at: AT,
        secret: 'code',
        key_id: '0011223344556677',
        refund_id: null,
      },
    ]);
    expect(strictTables(m.db, ['vouchers'])).toEqual({ vouchers: 1 });
    expect(m.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('takes a credit voucher naming its refund, and exactly one of refund or unit', () => {
    credit('c1', null, null, 'r1');
    expect(() => credit('c2', 'line2', 0, 'r1')).toThrow(/CHECK/);
    expect(() => credit('c3', null, null, null)).toThrow(/CHECK/);
    expect(() => credit('c4', 'line2', null, null)).toThrow(/CHECK/);
    expect(() => credit('c5', null, null, 'no-refund')).toThrow(/FOREIGN KEY/);
    expect(() => credit('c6', 'line1', 0, null)).toThrow(/UNIQUE/);
  });
});
