import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { migratedTo, strictTables } from '../helpers';

const AT = '2026-12-06T10:00:00.000Z';

describe('0031_comps', () => {
  let m: ReturnType<typeof migratedTo>;

  beforeEach(() => {
    m = migratedTo(30);
    m.db.exec(`
      INSERT INTO roles (id, name, permissions, custom_ceiling_percent, custom_ceiling_amount)
        VALUES ('supervisor', 'Supervisor', '["sell","custom.approve"]', 0, 0),
               ('manager', 'Manager', '["sell"]', 0, 0),
               ('seller', 'Seller', '["sell","discount.custom"]', 0, 0),
               ('approver', 'Approver', '["sell","custom.approve"]', 0, 0);
      INSERT INTO staff (id, name, role_id, pin_hash, active) VALUES ('staff-1', 'Sid', 'supervisor', 'h', 1);
      INSERT INTO shifts (id, opened_by, opened_at, opening_float) VALUES ('shift-1', 'staff-1', '${AT}', 0);
      INSERT INTO sales (id, receipt_no, shift_id, cashier_id, currency, gross, code_discount, custom_discount,
          total, status, created_at)
        VALUES ('sale-1', 1, 'shift-1', 'staff-1', 'EUR', 1000, 0, 100, 900, 'completed', '${AT}');
      INSERT INTO approvals (id, sale_id, kind, approver_id, reason, limits, created_at, signature)
        VALUES ('ap-1', 'sale-1', 'custom_discount', 'staff-1', 'Goodwill', '[]', '${AT}', 'sig');`);
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 31),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  it('gives sale.comp to the built-in supervisor and manager and to roles holding custom.approve, once', () => {
    const rows = m.db.prepare('SELECT id, permissions FROM roles ORDER BY id').all() as {
      id: string;
      permissions: string;
    }[];
    expect(Object.fromEntries(rows.map((r) => [r.id, JSON.parse(r.permissions) as string[]]))).toEqual({
      approver: ['sell', 'custom.approve', 'sale.comp'],
      manager: ['sell', 'sale.comp'],
      seller: ['sell', 'discount.custom'],
      supervisor: ['sell', 'custom.approve', 'sale.comp'],
    });
  });

  it('keeps a stored sale with no comp and its approval, signature included', () => {
    expect(m.db.prepare('SELECT comp FROM sales').get()).toEqual({ comp: 0 });
    expect(m.db.prepare('SELECT kind, signature FROM approvals').get()).toEqual({
      kind: 'custom_discount',
      signature: 'sig',
    });
    expect(strictTables(m.db, ['approvals'])).toEqual({ approvals: 1 });
  });

  it('takes approvals of kind comp, and refuses a negative comp or an unknown kind', () => {
    const approve = (id: string, kind: string) =>
      m.db
        .prepare(
          `INSERT INTO approvals (id, sale_id, kind, approver_id, reason, limits, created_at)
           VALUES (?, 'sale-1', ?, 'staff-1', 'Press', '["l1"]', '${AT}')`,
        )
        .run(id, kind);
    expect(() => approve('ap-2', 'comp')).not.toThrow();
    expect(() => approve('ap-3', 'gift')).toThrow(/CHECK/);
    expect(() => m.db.exec("UPDATE sales SET comp = -1 WHERE id = 'sale-1'")).toThrow(/CHECK/);
  });
});
