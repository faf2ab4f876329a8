import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { migratedTo, strictTables } from '../helpers';

describe('0025_exchanges_elsewhere', () => {
  let m: ReturnType<typeof migratedTo>;
  const payment = (id: string, tender: string, amount: number, refundId = 'rr-1') =>
    m.db
      .prepare(
        `INSERT INTO remote_refund_payments (id, refund_id, shift_id, tender, amount, created_at)
         VALUES (?, ?, 'shift-1', ?, ?, '2026-12-06T10:00:00.000Z')`,
      )
      .run(id, refundId, tender, amount);

  beforeEach(() => {
    m = migratedTo(24);
    m.db.exec(`
      INSERT INTO roles (id, name, permissions, custom_ceiling_percent, custom_ceiling_amount)
        VALUES ('cashier', 'Cashier', '[]', 0, 0);
      INSERT INTO staff (id, name, role_id, pin_hash, active) VALUES ('staff-1', 'Sid', 'cashier', 'h', 1);
      INSERT INTO shifts (id, opened_by, opened_at, opening_float)
        VALUES ('shift-1', 'staff-1', '2026-12-06T09:00:00.000Z', 0);
      INSERT INTO remote_refunds (id, refund_no, sale_id, sale_terminal_id, sale_terminal_name, sale_receipt_no,
          currency, kind, shift_id, staff_id, reason, amount, units, created_at)
        VALUES ('rr-1', 1, 'sale-x', 'term-a', 'A', 3, 'EUR', 'refund', 'shift-1', 'staff-1', 'why', 2000, '[]',
          '2026-12-06T10:00:00.000Z');`);
    payment('p-cash', 'cash', -2000);
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 25),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  it('keeps the payouts made before it and takes the exchange tender, still strict', () => {
    expect(strictTables(m.db, ['remote_refund_payments'])).toEqual({ remote_refund_payments: 1 });
    expect(m.db.prepare('SELECT id, tender, amount FROM remote_refund_payments').all()).toEqual([
      { id: 'p-cash', tender: 'cash', amount: -2000 },
    ]);
    payment('p-credit', 'exchange', -500);
    expect(() => payment('p-bad', 'voucher', -1)).toThrow(/CHECK constraint failed/);
    expect(() => payment('p-plus', 'cash', 1)).toThrow(/CHECK constraint failed/);
    expect(() => payment('p-orphan', 'cash', -1, 'no-such-refund')).toThrow(/FOREIGN KEY constraint failed/);
    const paid = m.db.prepare("SELECT sum(amount) AS n FROM shift_payments WHERE shift_id = 'shift-1'").get();
    expect(paid).toEqual({ n: -2500 });
  });
});
