import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const SALE = '00000000-0000-7000-8000-0000000000a1';
const T1 = '00000000-0000-7000-8000-0000000000b1';
const T2 = '00000000-0000-7000-8000-0000000000b2';

describe.each(backends)('0020_tickets (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  const insertTicket = (id: string, fields: Record<string, unknown> = {}) => {
    const row = {
      line_id: 'l1',
      unit_index: 0,
      price_paid: 1500,
      secret: 'S'.repeat(164),
      key_id: '0123456789abcdef',
      ...fields,
    };
    const columns = Object.keys(row);
    return q(
      `INSERT INTO tickets (id, org_id, sale_id, terminal_id, performance_id, ticket_type_id, issued_at, ${columns.join(', ')})
       VALUES ($1, $2, $3, $4, 'p1', 'tt1', '2026-12-05T10:00:00Z', ${columns.map((_, i) => `$${i + 5}`).join(', ')})`,
      [id, SEEDED.org, SALE, SEEDED.terminal, ...Object.values(row)],
    );
  };
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 19));
    await seedTerminal(database.db);
    await q(
      `INSERT INTO pos_sales (id, org_id, terminal_id, mutation_id, shift_id, cashier_id, receipt_no, currency, gross,
         code_discount, custom_discount, total, payload, status, created_at)
       VALUES ($1, $2, $3, $1, $1, $1, 1, 'EUR', 1500, 0, 0, 1500, '{}', 'completed', now())`,
      [SALE, SEEDED.org, SEEDED.terminal],
    );
    await migrate(database.db, loadMigrations().slice(0, 20));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('holds a ticket of a stored sale as valid, with no change position until it stops being valid', async () => {
    await insertTicket(T1);
    expect(await q('SELECT status, change_pos, status_changed_at, replaces FROM tickets')).toEqual([
      { status: 'valid', change_pos: null, status_changed_at: null, replaces: null },
    ]);
    await expect(q("UPDATE tickets SET status = 'void'")).rejects.toThrow(/check/i);
    await q("UPDATE tickets SET status = 'void', change_pos = 7, status_changed_at = now()");
    expect(await q('SELECT status, change_pos FROM tickets')).toEqual([{ status: 'void', change_pos: 7 }]);
  });

  it('refuses a ticket of an unknown sale, a negative price, an unknown status or a malformed key id', async () => {
    await expect(
      q(
        `INSERT INTO tickets (id, org_id, sale_id, terminal_id, line_id, unit_index, performance_id, ticket_type_id,
           price_paid, issued_at) VALUES ($1, $2, $1, $3, 'l1', 0, 'p1', 'tt1', 0, now())`,
        [T1, SEEDED.org, SEEDED.terminal],
      ),
    ).rejects.toThrow(/foreign key/i);
    await expect(insertTicket(T1, { price_paid: -1 })).rejects.toThrow(/check/i);
    await expect(insertTicket(T1, { status: 'used' })).rejects.toThrow(/check/i);
    await expect(insertTicket(T1, { key_id: 'ABC' })).rejects.toThrow(/check/i);
    await expect(insertTicket(T1, { key_id: null })).rejects.toThrow(/check/i);
    await insertTicket(T1, { secret: null, key_id: null });
    expect(await q('SELECT secret FROM tickets')).toEqual([{ secret: null }]);
  });

  it('takes one first issue per unit, and a reissue of it that names what it replaces', async () => {
    await insertTicket(T1);
    await expect(insertTicket(T2)).rejects.toThrow(/duplicate|unique/i);
    await insertTicket(T2, { replaces: T1 });
    expect(await q('SELECT count(*)::int AS n FROM tickets WHERE sale_id = $1', [SALE])).toEqual([{ n: 2 }]);
  });
});
