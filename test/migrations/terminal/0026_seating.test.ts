import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { migratedTo, strictTables } from '../helpers';

describe('0026_seating', () => {
  let m: ReturnType<typeof migratedTo>;

  beforeEach(() => {
    m = migratedTo(25);
    m.db.exec(`
      INSERT INTO venues (id, name, currency, timezone) VALUES ('v1', 'Hall', 'EUR', 'UTC');
      INSERT INTO events (id, venue_id, name) VALUES ('e1', 'v1', 'Hamlet');
      INSERT INTO performances (id, event_id, starts_at, capacity, status)
        VALUES ('p1', 'e1', '2026-12-06T19:30:00.000Z', 100, 'on_sale');
      INSERT INTO roles (id, name, permissions, custom_ceiling_percent, custom_ceiling_amount)
        VALUES ('cashier', 'Cashier', '[]', 0, 0);
      INSERT INTO staff (id, name, role_id, pin_hash, active) VALUES ('staff-1', 'Sid', 'cashier', 'h', 1);
      INSERT INTO shifts (id, opened_by, opened_at, opening_float)
        VALUES ('shift-1', 'staff-1', '2026-12-06T09:00:00.000Z', 0);
      INSERT INTO sales (id, receipt_no, shift_id, cashier_id, currency, gross, code_discount, custom_discount,
          total, status, created_at)
        VALUES ('s1', 1, 'shift-1', 'staff-1', 'EUR', 2000, 0, 0, 2000, 'completed', '2026-12-06T10:00:00.000Z');
      INSERT INTO sale_lines (id, sale_id, line_no, kind, item_id, name, performance_id, qty, unit_price,
          vat_rate, gross, code_discount, custom_discount, total)
        VALUES ('l1', 's1', 1, 'ticket', 'tt1', 'Hamlet', 'p1', 1, 2000, 700, 2000, 0, 0, 2000);
      INSERT INTO sale_units (line_id, unit_index, unit_price, code_discount, custom_discount, total)
        VALUES ('l1', 0, 2000, 0, 0, 2000);`);
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 26),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  it('keeps performances and units sold before it unseated, and takes a seat on new units', () => {
    expect(m.db.prepare('SELECT id, seat_map_id FROM performances').all()).toEqual([
      { id: 'p1', seat_map_id: null },
    ]);
    expect(m.db.prepare('SELECT line_id, seat_id, seat_label FROM sale_units').all()).toEqual([
      { line_id: 'l1', seat_id: null, seat_label: null },
    ]);
    m.db.exec(`INSERT INTO sale_units (line_id, unit_index, unit_price, code_discount, custom_discount, total,
        seat_id, seat_label) VALUES ('l1', 1, 2000, 0, 0, 2000, 'seat-b12', 'Stalls, row B, seat 12')`);
    expect(m.db.prepare("SELECT seat_label FROM sale_units WHERE seat_id = 'seat-b12'").get()).toEqual({
      seat_label: 'Stalls, row B, seat 12',
    });
  });

  it('creates strict seat tables whose checks refuse what no seat can be', () => {
    expect(
      strictTables(m.db, [
        'seat_maps',
        'seat_status',
        'seat_status_pos',
        'seat_leases',
        'seat_lease_requests',
      ]),
    ).toEqual({ seat_maps: 1, seat_status: 1, seat_status_pos: 1, seat_leases: 1, seat_lease_requests: 1 });
    m.db.exec(`INSERT INTO seat_maps (id, version, map) VALUES ('m1', 1, '{"id":"m1"}')`);
    expect(() => m.db.exec(`INSERT INTO seat_maps (id, version, map) VALUES ('m2', 1, 'not json')`)).toThrow(
      /CHECK constraint failed/,
    );
    expect(() => m.db.exec(`INSERT INTO seat_maps (id, version, map) VALUES ('m3', 0, '{}')`)).toThrow(
      /CHECK constraint failed/,
    );
    const status = (seat: string, state: string, kind: string | null = null) =>
      m.db
        .prepare(
          `INSERT INTO seat_status (performance_id, seat_id, state, holder, hold_kind, expires_at)
           VALUES ('p1', ?, ?, NULL, ?, NULL)`,
        )
        .run(seat, state, kind);
    status('a1', 'free');
    status('a2', 'held', 'press');
    expect(() => status('a3', 'taken')).toThrow(/CHECK constraint failed/);
    expect(() => status('a4', 'held', 'vip')).toThrow(/CHECK constraint failed/);
    expect(() => status('a1', 'sold')).toThrow(/UNIQUE constraint failed/);
    const lease = (seat: string) =>
      m.db
        .prepare(
          `INSERT INTO seat_leases (id, performance_id, seat_id, expires_at) VALUES ('lease-1', 'p1', ?, '2026-12-06T19:30:00.000Z')`,
        )
        .run(seat);
    lease('a1');
    lease('a5');
    expect(() => lease('a1')).toThrow(/UNIQUE constraint failed/);
    expect(() =>
      m.db.exec(
        `INSERT INTO seat_status_pos (performance_id, map_version, change_pos, fetched_at) VALUES ('p1', 1, -1, 'x')`,
      ),
    ).toThrow(/CHECK constraint failed/);
  });
});
