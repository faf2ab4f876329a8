import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratedTo, strictTables } from '../helpers';

describe('0005_sales', () => {
  let m: ReturnType<typeof migratedTo>;
  beforeEach(() => {
    m = migratedTo(5);
    m.db.exec(`INSERT INTO roles VALUES ('seller', 'Seller', '["sell"]', 0, 0);
      INSERT INTO staff (id, name, role_id, pin_hash) VALUES ('s', 'Sam', 'seller', 'h');
      INSERT INTO shifts (id, opened_by, opened_at, opening_float) VALUES ('sh1', 's', 'now', 0);`);
  });
  afterEach(() => m.close());

  const sale = (id: string, receiptNo: number, gross: number, code: number, custom: number, total: number) =>
    m.db
      .prepare(
        `INSERT INTO sales (id, receipt_no, shift_id, cashier_id, currency, gross, code_discount, custom_discount, total, status, created_at)
         VALUES (?, ?, 'sh1', 's', 'EUR', ?, ?, ?, ?, 'completed', 'now')`,
      )
      .run(id, receiptNo, gross, code, custom, total);

  it('creates every sales table as STRICT', () => {
    const tables = [
      'shifts',
      'sales',
      'sale_lines',
      'sale_units',
      'refunds',
      'payments',
      'redemptions',
      'redemption_scopes',
      'approvals',
      'performance_sold',
      'outbox',
    ];
    expect(strictTables(m.db, tables)).toEqual(Object.fromEntries(tables.map((t) => [t, 1])));
  });

  it('refuses a sale whose total is not gross less its discounts', () => {
    expect(() => sale('a', 1, 1000, 100, 0, 950)).toThrow(/CHECK constraint failed/);
    expect(() => sale('b', 1, 1000, 100, 50, 850)).not.toThrow();
  });

  it('keeps receipt numbers unique', () => {
    sale('a', 1, 100, 0, 0, 100);
    expect(() => sale('b', 1, 100, 0, 0, 100)).toThrow(/UNIQUE constraint failed/);
  });

  it('allows one open shift at a time', () => {
    expect(() =>
      m.db
        .prepare("INSERT INTO shifts (id, opened_by, opened_at, opening_float) VALUES ('sh2', 's', 'now', 0)")
        .run(),
    ).toThrow(/UNIQUE constraint failed/);
    m.db.prepare("UPDATE shifts SET closed_at = 'later' WHERE id = 'sh1'").run();
    expect(() =>
      m.db
        .prepare("INSERT INTO shifts (id, opened_by, opened_at, opening_float) VALUES ('sh2', 's', 'now', 0)")
        .run(),
    ).not.toThrow();
  });

  it('refuses a negative sold count', () => {
    m.db.exec(
      "INSERT INTO venues VALUES ('v', 'V', 'EUR', 'UTC'); INSERT INTO events (id, venue_id, name) VALUES ('e', 'v', 'E');",
    );
    m.db.exec(
      "INSERT INTO performances VALUES ('p', 'e', 'now', 10, 'on_sale'); INSERT INTO performance_sold VALUES ('p', 1);",
    );
    expect(() =>
      m.db.prepare("UPDATE performance_sold SET sold = sold - 2 WHERE performance_id = 'p'").run(),
    ).toThrow(/CHECK constraint failed/);
  });
});
