import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratedTo, strictTables } from '../helpers';

describe('0004_staff', () => {
  let m: ReturnType<typeof migratedTo>;
  beforeEach(() => {
    m = migratedTo(4);
  });
  afterEach(() => m.close());

  it('creates roles and staff as STRICT tables', () => {
    expect(strictTables(m.db, ['roles', 'staff'])).toEqual({ roles: 1, staff: 1 });
  });

  it('refuses a ceiling above 100 % and staff with an unknown role', () => {
    const role = m.db.prepare('INSERT INTO roles VALUES (?, ?, ?, ?, ?)');
    expect(() => role.run('r1', 'R', '[]', 10001, 0)).toThrow(/CHECK constraint failed/);
    role.run('seller', 'Seller', '["sell"]', 1000, 500);
    const staff = m.db.prepare('INSERT INTO staff (id, name, role_id, pin_hash) VALUES (?, ?, ?, ?)');
    expect(() => staff.run('s1', 'Sam', 'nope', 'h')).toThrow(/FOREIGN KEY constraint failed/);
    staff.run('s2', 'Sam', 'seller', 'h');
    expect(m.db.prepare('SELECT failed_attempts, locked_until, active FROM staff').get()).toEqual({
      failed_attempts: 0,
      locked_until: null,
      active: 1,
    });
  });
});
