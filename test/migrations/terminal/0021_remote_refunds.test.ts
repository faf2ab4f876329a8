import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratedTo, strictTables } from '../helpers';

describe('0021_remote_refunds', () => {
  let m: ReturnType<typeof migratedTo>;
  beforeEach(() => {
    m = migratedTo(21);
    m.db.exec(`
      INSERT INTO roles (id, name, permissions, custom_ceiling_percent, custom_ceiling_amount)
        VALUES ('supervisor', 'Supervisor', '[]', 0, 0);
      INSERT INTO staff (id, name, role_id, pin_hash, active) VALUES ('staff-1', 'Sid', 'supervisor', 'h', 1);
      INSERT INTO shifts (id, opened_by, opened_at, opening_float) VALUES ('shift-1', 'staff-1', '2026-12-06T09:00:00.000Z', 0);`);
  });
  afterEach(() => m.close());

  const refund = (id: string, kind = 'refund', amount = 2000, units = '[]') =>
    m.db
      .prepare(
        `INSERT INTO remote_refunds (id, refund_no, sale_id, sale_terminal_id, sale_receipt_no, currency, kind,
           shift_id, staff_id, reason, amount, units, created_at)
         VALUES (?, 1, 'sale-a', 'terminal-a', 7, 'EUR', ?, 'shift-1', 'staff-1', 'cannot come', ?, ?,
           '2026-12-06T10:00:00.000Z')`,
      )
      .run(id, kind, amount, units);
  const payment = (id: string, refundId: string, amount: number) =>
    m.db
      .prepare(
        `INSERT INTO remote_refund_payments (id, refund_id, shift_id, tender, amount, created_at)
         VALUES (?, ?, 'shift-1', 'cash', ?, '2026-12-06T10:00:00.000Z')`,
      )
      .run(id, refundId, amount);

  it('makes strict tables whose refunds belong to a shift here and pay money out only', () => {
    expect(strictTables(m.db, ['remote_refunds', 'remote_refund_payments'])).toEqual({
      remote_refunds: 1,
      remote_refund_payments: 1,
    });
    refund('r1');
    payment('p1', 'r1', -2000);
    expect(() => payment('p2', 'r1', 2000)).toThrow(/CHECK constraint failed/);
    expect(() => payment('p3', 'no-such-refund', -1)).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => refund('r2', 'exchange')).toThrow(/CHECK constraint failed/);
    expect(() => refund('r3', 'refund', -1)).toThrow(/CHECK constraint failed/);
    expect(() => refund('r4', 'refund', 1, '{"not":"a list"}')).toThrow(/CHECK constraint failed/);
  });

  it('counts a shift’s payouts and refunds at other terminals’ sales with its own', () => {
    refund('r1');
    payment('p1', 'r1', -2000);
    const paid = m.db.prepare("SELECT sum(amount) AS n FROM shift_payments WHERE shift_id = 'shift-1'").get();
    expect(paid).toEqual({ n: -2000 });
    const refunds = m.db.prepare('SELECT kind, amount, refund_no FROM shift_refunds').all();
    expect(refunds).toEqual([{ kind: 'refund', amount: 2000, refund_no: 1 }]);
  });
});
