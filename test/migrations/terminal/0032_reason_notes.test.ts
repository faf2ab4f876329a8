import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { migratedTo, strictTables } from '../helpers';

describe('0032_reason_notes', () => {
  let m: ReturnType<typeof migratedTo>;
  const at = '2026-12-06T10:00:00.000Z';

  beforeEach(() => {
    m = migratedTo(31);
    m.db.exec(`
      INSERT INTO roles (id, name, permissions, custom_ceiling_percent, custom_ceiling_amount)
        VALUES ('supervisor', 'Supervisor', '["sell","custom.approve"]', 0, 0);
      INSERT INTO staff (id, name, role_id, pin_hash, active) VALUES ('staff-1', 'Sue', 'supervisor', 'h', 1);
      INSERT INTO shifts (id, opened_by, opened_at, opening_float) VALUES ('shift-1', 'staff-1', '${at}', 0);
      INSERT INTO sales (id, receipt_no, shift_id, cashier_id, currency, gross, code_discount, custom_discount,
          total, custom_kind, custom_value, custom_reason, status, created_at)
        VALUES ('sale-a', 1, 'shift-1', 'staff-1', 'EUR', 2000, 0, 200, 1800, 'fixed', 200, 'regular guest',
          'completed', '${at}');
      INSERT INTO approvals (id, sale_id, kind, approver_id, reason, limits, created_at)
        VALUES ('ap-a', 'sale-a', 'custom_discount', 'staff-1', 'regular guest', '[]', '${at}');
      INSERT INTO refunds (id, refund_no, sale_id, kind, shift_id, staff_id, reason, amount, created_at)
        VALUES ('r-a', 1, 'sale-a', 'refund', 'shift-1', 'staff-1', 'customer asked', 500, '${at}');`);
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 32),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  it('keeps the free-text reasons recorded before it, without a note, and the tables strict', () => {
    expect(strictTables(m.db, ['sales', 'approvals', 'refunds'])).toEqual({
      sales: 1,
      approvals: 1,
      refunds: 1,
    });
    expect(m.db.prepare('SELECT custom_reason, custom_note FROM sales').get()).toEqual({
      custom_reason: 'regular guest',
      custom_note: null,
    });
    expect(m.db.prepare('SELECT reason, note FROM approvals').get()).toEqual({
      reason: 'regular guest',
      note: null,
    });
    expect(m.db.prepare('SELECT reason, note FROM refunds').get()).toEqual({
      reason: 'customer asked',
      note: null,
    });
  });

  it('takes a note beside the listed reason, as text only', () => {
    m.db
      .exec(`INSERT INTO refunds (id, refund_no, sale_id, kind, shift_id, staff_id, reason, note, amount, created_at)
      VALUES ('r-b', 2, 'sale-a', 'refund', 'shift-1', 'staff-1', 'Customer request', 'seat too far back', 300, '${at}')`);
    expect(m.db.prepare("SELECT reason, note FROM refunds WHERE id = 'r-b'").get()).toEqual({
      reason: 'Customer request',
      note: 'seat too far back',
    });
    expect(() => m.db.exec("UPDATE approvals SET note = x'00'")).toThrow();
    expect(
      m.db.prepare("SELECT count(*) AS n FROM pragma_table_info('remote_refunds') WHERE name = 'note'").get(),
    ).toEqual({ n: 1 });
  });
});
