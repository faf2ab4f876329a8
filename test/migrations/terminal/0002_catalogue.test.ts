import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratedTo, strictTables } from '../helpers';

describe('0002_catalogue', () => {
  let m: ReturnType<typeof migratedTo>;
  beforeEach(() => {
    m = migratedTo(2);
  });
  afterEach(() => m.close());

  it('creates the catalogue tables as STRICT', () => {
    const tables = [
      'venues',
      'events',
      'performances',
      'price_bands',
      'ticket_types',
      'ticket_prices',
      'products',
    ];
    expect(strictTables(m.db, tables)).toEqual(Object.fromEntries(tables.map((t) => [t, 1])));
  });

  it('refuses negative prices, fractional money and unknown product kinds', () => {
    m.db.exec("INSERT INTO venues VALUES ('v', 'V', 'EUR', 'Europe/Berlin')");
    const product = m.db.prepare(
      'INSERT INTO products (id, kind, name, unit_price, vat_rate) VALUES (?, ?, ?, ?, ?)',
    );
    expect(() => product.run('p1', 'addon', 'x', -1, 0)).toThrow(/CHECK constraint failed/);
    expect(() => product.run('p2', 'addon', 'x', 1.5, 0)).toThrow(
      /cannot store REAL value in INTEGER column/,
    );
    expect(() => product.run('p3', 'voucher', 'x', 100, 0)).toThrow(/CHECK constraint failed/);
    expect(() => product.run('p4', 'fee', 'Booking fee', 150, 1900)).not.toThrow();
  });

  it('refuses a performance of an unknown event', () => {
    expect(() =>
      m.db
        .prepare("INSERT INTO performances VALUES ('p', 'nope', '2026-01-01T19:30:00Z', 10, 'on_sale')")
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
  });
});
