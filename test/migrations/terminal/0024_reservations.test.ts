import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratedTo, strictTables } from '../helpers';

describe('0024_reservations', () => {
  let m: ReturnType<typeof migratedTo>;
  beforeEach(() => {
    m = migratedTo(24);
    m.db.exec(`
      INSERT INTO roles (id, name, permissions, custom_ceiling_percent, custom_ceiling_amount)
        VALUES ('seller', 'Seller', '[]', 0, 0);
      INSERT INTO staff (id, name, role_id, pin_hash, active) VALUES ('staff-1', 'Sid', 'seller', 'h', 1);`);
  });
  afterEach(() => m.close());

  const reservation = (
    id: string,
    fields: {
      phone?: string | null;
      email?: string | null;
      status?: string;
      closedAt?: string | null;
      saleId?: string | null;
    } = {},
  ) =>
    m.db
      .prepare(
        `INSERT INTO reservations (id, reference, terminal_id, staff_id, customer_name, customer_phone, customer_email,
           customer, currency, total, expires_at, created_at, status, closed_at, sale_id)
         VALUES (?, ?, 'terminal-a', 'staff-1', 'Ada', ?, ?, '{}', 'EUR', 8000, '2026-12-06T18:00:00.000Z',
           '2026-12-06T10:00:00.000Z', ?, ?, ?)`,
      )
      .run(
        id,
        `R-${id}`,
        fields.phone === undefined ? '+44 1' : fields.phone,
        fields.email ?? null,
        fields.status ?? 'held',
        fields.closedAt ?? null,
        fields.saleId ?? null,
      );

  it('makes strict tables; a hold needs a contact, and its end matches its status', () => {
    expect(strictTables(m.db, ['reservations', 'reservation_lines', 'reservation_escrow'])).toEqual({
      reservations: 1,
      reservation_lines: 1,
      reservation_escrow: 1,
    });
    reservation('a');
    reservation('b', { phone: null, email: 'ada@example.org' });
    expect(() => reservation('c', { phone: null })).toThrow(/CHECK constraint failed/);
    expect(() => reservation('d', { status: 'expired' })).toThrow(/CHECK constraint failed/);
    expect(() => reservation('e', { status: 'picked_up', closedAt: '2026-12-06T11:00:00.000Z' })).toThrow(
      /CHECK constraint failed/,
    );
    reservation('f', { status: 'picked_up', closedAt: '2026-12-06T11:00:00.000Z', saleId: 'sale-1' });
    expect(() => reservation('a')).toThrow(/UNIQUE constraint failed/);
  });

  it('keeps lines and lease units only for a reservation it has', () => {
    reservation('a');
    const line = (id: string, reservationId: string, qty: number) =>
      m.db
        .prepare(
          `INSERT INTO reservation_lines (id, reservation_id, position, performance_id, price_id, name, detail, qty, unit_price)
           VALUES (?, ?, 0, 'perf-1', 'price-1', 'Macbeth', 'Stalls', ?, 4000)`,
        )
        .run(id, reservationId, qty);
    line('l1', 'a', 2);
    expect(() => line('l2', 'a', 1)).toThrow(/UNIQUE constraint failed/);
    expect(() => line('l3', 'nope', 1)).toThrow(/FOREIGN KEY constraint failed/);
    const escrow = (reservationId: string, units: number) =>
      m.db
        .prepare(
          `INSERT INTO reservation_escrow (reservation_id, counter, lease_id, units) VALUES (?, 'capacity:perf-1', NULL, ?)`,
        )
        .run(reservationId, units);
    escrow('a', 2);
    expect(() => escrow('a', 0)).toThrow(/CHECK constraint failed/);
    expect(() => escrow('nope', 1)).toThrow(/FOREIGN KEY constraint failed/);
  });
});
