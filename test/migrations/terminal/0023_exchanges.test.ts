import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { migratedTo, strictTables } from '../helpers';

describe('0023_exchanges', () => {
  let m: ReturnType<typeof migratedTo>;
  const sale = (id: string, receiptNo: number) =>
    m.db
      .prepare(
        `INSERT INTO sales (id, receipt_no, shift_id, cashier_id, currency, gross, code_discount, custom_discount,
           total, status, created_at)
         VALUES (?, ?, 'shift-1', 'staff-1', 'EUR', 2000, 0, 0, 2000, 'completed', '2026-12-06T10:00:00.000Z')`,
      )
      .run(id, receiptNo);
  const payment = (id: string, tender: string, amount: number) =>
    m.db
      .prepare(
        `INSERT INTO payments (id, sale_id, shift_id, tender, amount, created_at)
         VALUES (?, 'sale-a', 'shift-1', ?, ?, '2026-12-06T10:00:00.000Z')`,
      )
      .run(id, tender, amount);

  beforeEach(() => {
    m = migratedTo(22);
    m.db.exec(`
      INSERT INTO roles (id, name, permissions, custom_ceiling_percent, custom_ceiling_amount)
        VALUES ('cashier', 'Cashier', '[]', 0, 0);
      INSERT INTO staff (id, name, role_id, pin_hash, active) VALUES ('staff-1', 'Sid', 'cashier', 'h', 1);
      INSERT INTO shifts (id, opened_by, opened_at, opening_float)
        VALUES ('shift-1', 'staff-1', '2026-12-06T09:00:00.000Z', 0);`);
    sale('sale-a', 1);
    payment('p-cash', 'cash', 2000);
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 23),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  it('keeps the payments made before it and takes the exchange tender, still strict', () => {
    expect(strictTables(m.db, ['payments'])).toEqual({ payments: 1 });
    expect(m.db.prepare('SELECT id, tender, amount FROM payments').all()).toEqual([
      { id: 'p-cash', tender: 'cash', amount: 2000 },
    ]);
    payment('p-credit', 'exchange', -500);
    expect(() => payment('p-bad', 'voucher', 1)).toThrow(/CHECK constraint failed/);
    expect(() =>
      m.db
        .prepare(
          `INSERT INTO payments (id, sale_id, shift_id, tender, amount, created_at)
           VALUES ('p-orphan', 'no-such-sale', 'shift-1', 'cash', 1, '2026-12-06T10:00:00.000Z')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
    const paid = m.db.prepare("SELECT sum(amount) AS n FROM shift_payments WHERE shift_id = 'shift-1'").get();
    expect(paid).toEqual({ n: 1500 });
  });

  it('links a sale to the sale it exchanges, which must exist', () => {
    sale('sale-b', 2);
    m.db.prepare("UPDATE sales SET exchange_of = 'sale-a' WHERE id = 'sale-b'").run();
    expect(m.db.prepare("SELECT id FROM sales WHERE exchange_of = 'sale-a'").all()).toEqual([
      { id: 'sale-b' },
    ]);
    expect(() => m.db.prepare("UPDATE sales SET exchange_of = 'nope' WHERE id = 'sale-b'").run()).toThrow(
      /FOREIGN KEY constraint failed/,
    );
  });
});
