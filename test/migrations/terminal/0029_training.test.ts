import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { migratedTo, strictTables } from '../helpers';

describe('0029_training', () => {
  let m: ReturnType<typeof migratedTo>;
  const sale = (id: string, receiptNo: number) =>
    m.db
      .prepare(
        `INSERT INTO sales (id, receipt_no, shift_id, cashier_id, currency, gross, code_discount, custom_discount,
           total, status, created_at)
         VALUES (?, ?, 'shift-1', 'staff-1', 'EUR', 2000, 0, 0, 2000, 'completed', '2026-12-06T10:00:00.000Z')`,
      )
      .run(id, receiptNo);
  const payment = (id: string, saleId: string, amount: number, refundId: string | null = null) =>
    m.db
      .prepare(
        `INSERT INTO payments (id, sale_id, refund_id, shift_id, tender, amount, created_at)
         VALUES (?, ?, ?, 'shift-1', 'cash', ?, '2026-12-06T10:00:00.000Z')`,
      )
      .run(id, saleId, refundId, amount);
  const refund = (id: string, saleId: string, refundNo: number) =>
    m.db
      .prepare(
        `INSERT INTO refunds (id, refund_no, sale_id, kind, shift_id, staff_id, reason, amount, created_at)
         VALUES (?, ?, ?, 'refund', 'shift-1', 'staff-1', 'changed mind', 500, '2026-12-06T11:00:00.000Z')`,
      )
      .run(id, refundNo, saleId);
  const cash = () =>
    m.db.prepare("SELECT sum(amount) AS n FROM shift_payments WHERE shift_id = 'shift-1'").get();
  const refunds = () =>
    m.db
      .prepare("SELECT count(*) AS n, sum(amount) AS amount FROM shift_refunds WHERE shift_id = 'shift-1'")
      .get();

  beforeEach(() => {
    m = migratedTo(28);
    m.db.exec(`
      INSERT INTO roles (id, name, permissions, custom_ceiling_percent, custom_ceiling_amount)
        VALUES ('cashier', 'Cashier', '["sell"]', 0, 0);
      INSERT INTO staff (id, name, role_id, pin_hash, active) VALUES ('staff-1', 'Sid', 'cashier', 'h', 1);
      INSERT INTO shifts (id, opened_by, opened_at, opening_float)
        VALUES ('shift-1', 'staff-1', '2026-12-06T09:00:00.000Z', 0);`);
    sale('sale-a', 1);
    payment('p-a', 'sale-a', 2000);
    refund('r-a', 'sale-a', 1);
    payment('p-a-back', 'sale-a', -500, 'r-a');
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 29),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  it('keeps every sale and person made before it out of training, still strict', () => {
    expect(strictTables(m.db, ['sales', 'staff'])).toEqual({ sales: 1, staff: 1 });
    expect(m.db.prepare('SELECT id, training FROM sales').all()).toEqual([{ id: 'sale-a', training: 0 }]);
    expect(m.db.prepare('SELECT id, training FROM staff').all()).toEqual([{ id: 'staff-1', training: 0 }]);
    expect(() => m.db.exec("UPDATE sales SET training = 2 WHERE id = 'sale-a'")).toThrow(/CHECK/);
    expect(() => m.db.exec("UPDATE staff SET training = -1 WHERE id = 'staff-1'")).toThrow(/CHECK/);
  });

  it('counts the money and refunds of real sales in the shift views as before, and none of training', () => {
    expect(cash()).toEqual({ n: 1500 });
    expect(refunds()).toEqual({ n: 1, amount: 500 });
    sale('sale-t', 2);
    m.db.exec("UPDATE sales SET training = 1 WHERE id = 'sale-t'");
    payment('p-t', 'sale-t', 2000);
    refund('r-t', 'sale-t', 2);
    payment('p-t-back', 'sale-t', -500, 'r-t');
    expect(cash()).toEqual({ n: 1500 });
    expect(refunds()).toEqual({ n: 1, amount: 500 });
    // The rows are kept, for the receipts and the training sale's own refund.
    expect(m.db.prepare("SELECT count(*) AS n FROM payments WHERE sale_id = 'sale-t'").get()).toEqual({
      n: 2,
    });
  });
});
