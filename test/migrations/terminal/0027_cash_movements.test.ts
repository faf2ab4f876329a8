import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { migratedTo, strictTables } from '../helpers';

describe('0027_cash_movements', () => {
  let m: ReturnType<typeof migratedTo>;

  beforeEach(() => {
    m = migratedTo(26);
    m.db.exec(`
      INSERT INTO venues (id, name, currency, timezone) VALUES ('v1', 'Hall', 'EUR', 'UTC');
      INSERT INTO roles (id, name, permissions, custom_ceiling_percent, custom_ceiling_amount)
        VALUES ('supervisor', 'Supervisor', '["sell","shift.close"]', 0, 0),
               ('seller', 'Seller', '["sell"]', 0, 0),
               ('custom', 'Custom', '["sell"]', 0, 0),
               ('door', 'Door', '["tickets.check"]', 0, 0);
      INSERT INTO staff (id, name, role_id, pin_hash, active) VALUES ('staff-1', 'Sid', 'supervisor', 'h', 1);
      INSERT INTO shifts (id, opened_by, opened_at, opening_float)
        VALUES ('shift-1', 'staff-1', '2026-12-06T09:00:00.000Z', 5000);
      INSERT INTO printer_settings (id, output, port, paper_width, language, copies, updated_at)
        VALUES (1, 'none', 9100, 80, 'en', 1, '2026-12-06T09:00:00.000Z');`);
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 27),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  it('lets every role that sells go on selling offline, and gives the built-in supervisor the cash permissions', () => {
    const permissions = () =>
      Object.fromEntries(
        (
          m.db.prepare('SELECT id, permissions FROM roles ORDER BY id').all() as {
            id: string;
            permissions: string;
          }[]
        ).map((r) => [r.id, JSON.parse(r.permissions) as string[]]),
      );
    expect(permissions()).toEqual({
      custom: ['sell', 'sell.offline'],
      door: ['tickets.check'],
      seller: ['sell', 'sell.offline'],
      supervisor: ['sell', 'shift.close', 'sell.offline', 'cash.move', 'drawer.open', 'offline.approve'],
    });
  });

  it('keeps the venue and printer settings with empty reason lists and the drawer off', () => {
    expect(m.db.prepare('SELECT reasons FROM venues').get()).toEqual({ reasons: '{}' });
    expect(m.db.prepare('SELECT drawer_kick FROM printer_settings').get()).toEqual({ drawer_kick: 0 });
    expect(() => m.db.exec(`UPDATE venues SET reasons = '[]'`)).toThrow(/CHECK/);
  });

  it('creates a strict table whose checks keep each kind to its direction', () => {
    expect(strictTables(m.db, ['cash_movements'])).toEqual({ cash_movements: 1 });
    const insert = (kind: string, amount: number) =>
      m.db
        .prepare(
          `INSERT INTO cash_movements (id, shift_id, kind, amount, currency, reason, staff_id, at)
           VALUES (?, 'shift-1', ?, ?, 'EUR', 'Correction', 'staff-1', '2026-12-06T10:00:00.000Z')`,
        )
        .run(`${kind}${amount}`, kind, amount);
    expect(() => insert('paid_in', 500)).not.toThrow();
    expect(() => insert('paid_out', -500)).not.toThrow();
    expect(() => insert('float_change', -100)).not.toThrow();
    expect(() => insert('no_sale', 0)).not.toThrow();
    expect(() => insert('paid_in', -500)).toThrow(/CHECK/);
    expect(() => insert('paid_out', 500)).toThrow(/CHECK/);
    expect(() => insert('drop', 0)).toThrow(/CHECK/);
    expect(() => insert('no_sale', 1)).toThrow(/CHECK/);
    expect(() => insert('refund', -1)).toThrow(/CHECK/);
  });
});
