import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratedTo, strictTables } from '../helpers';

describe('0022_customers', () => {
  let m: ReturnType<typeof migratedTo>;
  beforeEach(() => {
    m = migratedTo(22);
  });
  afterEach(() => m.close());

  const insert = (id: string, fields: Record<string, unknown> = {}) => {
    const row = { name: 'Ada', email: null, groups: '[]', email_consent: 0, origin: 'pulled', ...fields };
    m.db
      .prepare(
        `INSERT INTO customers (id, name, email, groups, email_consent, origin, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, '2026-12-06T10:00:00.000Z')`,
      )
      .run(id, row.name, row.email, row.groups, row.email_consent, row.origin);
  };

  it('makes a strict table of pulled and created customers with their groups as a JSON list', () => {
    expect(strictTables(m.db, ['customers'])).toEqual({ customers: 1 });
    insert('c1', { groups: '["members"]' });
    insert('c2', { origin: 'created', email: 'a@example.org', email_consent: 1 });
    expect(m.db.prepare('SELECT id, completed_orders, has_codes FROM customers ORDER BY id').all()).toEqual([
      { id: 'c1', completed_orders: 0, has_codes: 0 },
      { id: 'c2', completed_orders: 0, has_codes: 0 },
    ]);
  });

  it('refuses consent without an address, groups that are not a list, an unknown origin and an empty name', () => {
    expect(() => insert('x1', { email_consent: 1 })).toThrow(/CHECK constraint failed/);
    expect(() => insert('x2', { groups: '{"a":1}' })).toThrow(/CHECK constraint failed/);
    expect(() => insert('x3', { origin: 'typed' })).toThrow(/CHECK constraint failed/);
    expect(() => insert('x4', { name: '' })).toThrow(/CHECK constraint failed/);
  });
});
