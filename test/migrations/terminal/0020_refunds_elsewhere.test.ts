import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratedTo, strictTables } from '../helpers';

describe('0020_refunds_elsewhere', () => {
  let m: ReturnType<typeof migratedTo>;
  beforeEach(() => {
    m = migratedTo(20);
  });
  afterEach(() => m.close());

  it('makes a strict table for refunds made at another terminal, and a unit can name one', () => {
    expect(strictTables(m.db, ['refunds_elsewhere'])).toEqual({ refunds_elsewhere: 1 });
    const keys = m.db.prepare('SELECT "table", "from" FROM pragma_foreign_key_list(\'sale_units\')').all();
    expect(keys).toContainEqual({ table: 'refunds_elsewhere', from: 'refunded_elsewhere_id' });
  });

  it('belongs to a sale of this store, and is a refund or a void of a non-negative amount', () => {
    const insert = m.db.prepare(
      `INSERT INTO refunds_elsewhere (id, sale_id, terminal_id, kind, staff_id, amount, created_at)
       VALUES (?, 'sale-1', 'terminal-b', ?, 'staff-1', ?, '2026-12-06T10:00:00.000Z')`,
    );
    expect(() => insert.run('r1', 'refund', 100)).toThrow(/FOREIGN KEY constraint failed/);
    m.db.pragma('foreign_keys = OFF');
    insert.run('r2', 'void', 0);
    expect(() => insert.run('r3', 'exchange', 100)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('r4', 'refund', -1)).toThrow(/CHECK constraint failed/);
  });
});
