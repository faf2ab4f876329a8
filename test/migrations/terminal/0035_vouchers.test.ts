import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { migratedTo, strictTables } from '../helpers';

const AT = '2026-12-07T10:00:00.000Z';

describe('0035_vouchers', () => {
  let m: ReturnType<typeof migratedTo>;

  beforeEach(() => {
    m = migratedTo(34);
    m.db.exec(`
      INSERT INTO roles (id, name, permissions, custom_ceiling_percent, custom_ceiling_amount)
        VALUES ('seller', 'Seller', '["sell"]', 0, 0);
      INSERT INTO staff (id, name, role_id, pin_hash, active) VALUES ('s', 'Sam', 'seller', 'h', 1);
      INSERT INTO shifts (id, opened_by, opened_at, opening_float) VALUES ('sh1', 's', '${AT}', 0);
      INSERT INTO sales (id, receipt_no, shift_id, cashier_id, currency, gross, code_discount, custom_discount,
          total, status, created_at)
        VALUES ('sale1', 1, 'sh1', 's', 'EUR', 2000, 0, 0, 2000, 'completed', '${AT}');
      INSERT INTO sale_lines (id, sale_id, line_no, kind, item_id, name, performance_id, qty, unit_price, vat_rate,
          gross, code_discount, custom_discount, total, comp, comp_reason, comp_note)
        VALUES ('line1', 'sale1', 1, 'ticket', 'adult', 'Adult', 'perf1', 2, 1000, 0, 2000, 0, 0, 2000, 0, NULL, 'n');
      INSERT INTO sale_units (line_id, unit_index, unit_price, code_discount, custom_discount, total)
        VALUES ('line1', 0, 1000, 0, 0, 1000), ('line1', 1, 1000, 0, 0, 1000);
      INSERT INTO tickets (id, sale_id, line_id, unit_index, performance_id, ticket_type_id, price_band_id,
          price_paid, status, secret, key_id, issued_at, replaces)
        VALUES ('t1', 'sale1', 'line1', 0, 'perf1', 'adult', NULL, 1000, 'valid', NULL, NULL, '${AT}', NULL);
      INSERT INTO payments (id, sale_id, shift_id, tender, amount, created_at)
        VALUES ('p1', 'sale1', 'sh1', 'card', 2000, '${AT}');
      INSERT INTO products (id, kind, name, unit_price, vat_rate) VALUES ('prod1', 'merch', 'Mug', 800, 1900);`);
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 35),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  it('keeps lines, their units and tickets, payments and products, in strict tables', () => {
    expect(m.db.prepare('SELECT id, kind, qty, comp_note FROM sale_lines').all()).toEqual([
      { id: 'line1', kind: 'ticket', qty: 2, comp_note: 'n' },
    ]);
    expect(m.db.prepare('SELECT count(*) AS n FROM sale_units').get()).toEqual({ n: 2 });
    expect(m.db.prepare('SELECT id, line_id FROM tickets').all()).toEqual([{ id: 't1', line_id: 'line1' }]);
    expect(m.db.prepare('SELECT id, tender, amount, voucher_id FROM payments').all()).toEqual([
      { id: 'p1', tender: 'card', amount: 2000, voucher_id: null },
    ]);
    expect(m.db.prepare('SELECT id, kind, voucher_days FROM products').all()).toEqual([
      { id: 'prod1', kind: 'merch', voucher_days: null },
    ]);
    expect(m.db.pragma('foreign_key_check')).toEqual([]);
    expect(strictTables(m.db, ['sale_lines', 'products', 'payments', 'vouchers', 'pulled_vouchers'])).toEqual(
      { sale_lines: 1, products: 1, payments: 1, vouchers: 1, pulled_vouchers: 1 },
    );
    expect(m.db.prepare('SELECT tender, amount FROM shift_payments').all()).toEqual([
      { tender: 'card', amount: 2000 },
    ]);
  });

  it('still checks the foreign keys onto the rebuilt lines', () => {
    expect(() =>
      m.db
        .exec(`INSERT INTO sale_units (line_id, unit_index, unit_price, code_discount, custom_discount, total)
        VALUES ('no-line', 0, 1000, 0, 0, 1000)`),
    ).toThrow(/FOREIGN KEY/);
  });

  it('takes a voucher line, product, payment and issued voucher; refuses a voucher payment without its voucher', () => {
    m.db.exec(`
      INSERT INTO products (id, kind, name, unit_price, vat_rate, voucher_days) VALUES ('gv', 'voucher', 'Gift', 0, 0, 365);
      INSERT INTO sale_lines (id, sale_id, line_no, kind, item_id, name, qty, unit_price, vat_rate, gross,
          code_discount, custom_discount, total)
        VALUES ('line2', 'sale1', 2, 'voucher', 'gv', 'Gift', 1, 5000, 0, 5000, 0, 0, 5000);
      INSERT INTO vouchers (id, sale_id, line_id, unit_index, amount, currency, issued_at, expires_at, secret, key_id)
        VALUES ('v1', 'sale1', 'line2', 0, 5000, 'EUR', '${AT}', '${AT}', 'code', '0011223344556677');
      INSERT INTO payments (id, sale_id, shift_id, tender, amount, created_at, voucher_id)
        VALUES ('p2', 'sale1', 'sh1', 'voucher', 500, '${AT}', 'v9');`);
    const pay = (id: string, tender: string, voucherId: string | null) =>
      m.db
        .prepare(
          `INSERT INTO payments (id, sale_id, shift_id, tender, amount, created_at, voucher_id)
           VALUES (?, 'sale1', 'sh1', ?, 100, '${AT}', ?)`,
        )
        .run(id, tender, voucherId);
    expect(() => pay('p3', 'voucher', null)).toThrow(/CHECK/);
    expect(() => pay('p4', 'cash', 'v1')).toThrow(/CHECK/);
    expect(() => pay('p5', 'gift', null)).toThrow(/CHECK/);
    expect(() =>
      m.db.exec(`INSERT INTO products (id, kind, name, unit_price, vat_rate, voucher_days)
        VALUES ('gv2', 'voucher', 'Gift', 0, 0, 0)`),
    ).toThrow(/CHECK/);
  });
});
