import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { migratedTo, strictTables } from '../helpers';

describe('0013_tickets', () => {
  let m: ReturnType<typeof migratedTo>;
  const insert = (id: string, status: string, extra: Record<string, unknown> = {}) =>
    m.db
      .prepare(
        `INSERT INTO tickets (id, sale_id, line_id, unit_index, performance_id, ticket_type_id, price_band_id,
           price_paid, status, secret, key_id, issued_at, replaces)
         VALUES (@id, 'sale1', 'line1', @unitIndex, 'perf1', 'adult', NULL, @pricePaid, @status, @secret,
           @keyId, 'now', @replaces)`,
      )
      .run({
        id,
        status,
        unitIndex: 0,
        pricePaid: 1000,
        secret: null,
        keyId: null,
        replaces: null,
        ...extra,
      });

  beforeEach(() => {
    m = migratedTo(12);
    m.db
      .exec(`INSERT INTO roles (id, name, permissions, custom_ceiling_percent, custom_ceiling_amount) VALUES ('seller', 'Seller', '["sell"]', 0, 0);
      INSERT INTO staff (id, name, role_id, pin_hash) VALUES ('s', 'Sam', 'seller', 'h');
      INSERT INTO shifts (id, opened_by, opened_at, opening_float) VALUES ('sh1', 's', 'now', 0);
      INSERT INTO sales (id, receipt_no, shift_id, cashier_id, currency, gross, code_discount, custom_discount, total, status, created_at)
        VALUES ('sale1', 1, 'sh1', 's', 'EUR', 2000, 0, 0, 2000, 'completed', 'now');
      INSERT INTO sale_lines (id, sale_id, line_no, kind, item_id, name, performance_id, qty, unit_price, vat_rate, gross, code_discount, custom_discount, total)
        VALUES ('line1', 'sale1', 1, 'ticket', 'adult', 'Adult', 'perf1', 2, 1000, 0, 2000, 0, 0, 2000);
      INSERT INTO sale_units (line_id, unit_index, unit_price, code_discount, custom_discount, total)
        VALUES ('line1', 0, 1000, 0, 0, 1000), ('line1', 1, 1000, 0, 0, 1000);`);
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 13),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  it('adds a strict tickets table, empty for the sales made before it', () => {
    expect(strictTables(m.db, ['tickets'])).toEqual({ tickets: 1 });
    expect(m.db.prepare('SELECT count(*) AS n FROM tickets').get()).toEqual({ n: 0 });
  });

  it('keeps one valid ticket per unit, beside any it replaced', () => {
    insert('t1', 'valid');
    expect(() => insert('t2', 'valid')).toThrow(/UNIQUE constraint failed/);
    m.db.prepare("UPDATE tickets SET status = 'reissued' WHERE id = 't1'").run();
    insert('t2', 'valid', { replaces: 't1' });
    insert('t3', 'valid', { unitIndex: 1 });
    expect(m.db.prepare("SELECT id FROM tickets WHERE status = 'valid' ORDER BY id").all()).toEqual([
      { id: 't2' },
      { id: 't3' },
    ]);
  });

  it('refuses a ticket for no unit, a negative price, an unknown status and a secret without its key', () => {
    expect(() => insert('t1', 'valid', { unitIndex: 2 })).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => insert('t1', 'valid', { pricePaid: -1 })).toThrow(/CHECK constraint failed/);
    expect(() => insert('t1', 'used')).toThrow(/CHECK constraint failed/);
    expect(() => insert('t1', 'valid', { secret: 'ABC' })).toThrow(/CHECK constraint failed/);
    expect(() => insert('t1', 'valid', { replaces: 'nope' })).toThrow(/FOREIGN KEY constraint failed/);
    insert('t1', 'valid', { secret: 'ABC', keyId: '0123456789abcdef' });
    expect(m.db.prepare('SELECT secret, key_id FROM tickets').get()).toEqual({
      secret: 'ABC',
      key_id: '0123456789abcdef',
    });
  });
});
