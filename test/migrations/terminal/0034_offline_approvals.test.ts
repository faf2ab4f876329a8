import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { migratedTo, strictTables } from '../helpers';

const AT = '2026-12-07T10:00:00.000Z';

describe('0034_offline_approvals', () => {
  let m: ReturnType<typeof migratedTo>;

  beforeEach(() => {
    m = migratedTo(33);
    m.db.exec(`
      INSERT INTO roles (id, name, permissions, custom_ceiling_percent, custom_ceiling_amount)
        VALUES ('supervisor', 'Supervisor', '["sell","offline.approve"]', 0, 0);
      INSERT INTO staff (id, name, role_id, pin_hash, active) VALUES ('staff-1', 'Sid', 'supervisor', 'h', 1);
      INSERT INTO shifts (id, opened_by, opened_at, opening_float) VALUES ('shift-1', 'staff-1', '${AT}', 0);
      INSERT INTO sales (id, receipt_no, shift_id, cashier_id, currency, gross, code_discount, custom_discount,
          total, status, created_at)
        VALUES ('sale-1', 1, 'shift-1', 'staff-1', 'EUR', 1000, 0, 100, 900, 'completed', '${AT}');
      INSERT INTO approvals (id, sale_id, kind, approver_id, reason, limits, created_at, signature, note)
        VALUES ('ap-1', 'sale-1', 'comp', 'staff-1', 'Press', '["l1"]', '${AT}', 'sig', null),
               ('ap-2', 'sale-1', 'overuse', 'staff-1', 'Regular', '["MAX_USES"]', '${AT}', null, 'asked twice');`);
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 34),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  it('keeps every stored approval as it was, signature and note included, in a strict table', () => {
    expect(m.db.prepare('SELECT id, kind, limits, signature, note FROM approvals ORDER BY id').all()).toEqual(
      [
        { id: 'ap-1', kind: 'comp', limits: '["l1"]', signature: 'sig', note: null },
        { id: 'ap-2', kind: 'overuse', limits: '["MAX_USES"]', signature: null, note: 'asked twice' },
      ],
    );
    expect(strictTables(m.db, ['approvals'])).toEqual({ approvals: 1 });
    const index = m.db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'approvals' AND sql IS NOT NULL",
      )
      .all();
    expect(index).toEqual([{ name: 'approvals_overuse_approver' }]);
  });

  it('takes approvals of kind offline, and still refuses an unknown kind or an unknown approver', () => {
    const approve = (id: string, kind: string, approverId = 'staff-1') =>
      m.db
        .prepare(
          `INSERT INTO approvals (id, sale_id, kind, approver_id, reason, limits, created_at)
           VALUES (?, 'sale-1', ?, ?, 'offline 95 min, limit 60', '["OFFLINE_TOO_LONG"]', '${AT}')`,
        )
        .run(id, kind, approverId);
    expect(() => approve('ap-3', 'offline')).not.toThrow();
    expect(() => approve('ap-4', 'gift')).toThrow(/CHECK/);
    expect(() => approve('ap-5', 'offline', 'nobody')).toThrow(/FOREIGN KEY/);
  });
});
