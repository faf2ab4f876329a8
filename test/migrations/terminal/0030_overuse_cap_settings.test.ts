import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { migratedTo } from '../helpers';

describe('0030_overuse_cap_settings', () => {
  let m: ReturnType<typeof migratedTo>;

  beforeEach(() => {
    m = migratedTo(29);
    m.db.exec(`
      INSERT INTO roles (id, name, permissions, custom_ceiling_percent, custom_ceiling_amount)
        VALUES ('supervisor', 'Supervisor', '["sell","overuse.grant"]', 0, 0);
      INSERT INTO staff (id, name, role_id, pin_hash, active) VALUES ('staff-1', 'Sue', 'supervisor', 'h', 1);`);
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).filter((x) => x.version <= 30),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  it('keeps staff pulled before it on their role’s cap, and takes an own cap of 0 to 10000', () => {
    const cap = () => m.db.prepare("SELECT overuse_cap AS cap FROM staff WHERE id = 'staff-1'").get();
    expect(cap()).toEqual({ cap: null });
    const set = (value: unknown) =>
      m.db.prepare("UPDATE staff SET overuse_cap = ? WHERE id = 'staff-1'").run(value);
    set(0);
    expect(cap()).toEqual({ cap: 0 });
    set(10_000);
    expect(() => set(-1)).toThrow(/CHECK/);
    expect(() => set(10_001)).toThrow(/CHECK/);
    expect(() => set('five')).toThrow();
    expect(cap()).toEqual({ cap: 10_000 });
  });
});
