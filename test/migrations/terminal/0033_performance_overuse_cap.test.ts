import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { migratedTo } from '../helpers';

describe('0033_performance_overuse_cap', () => {
  let m: ReturnType<typeof migratedTo>;

  beforeEach(() => {
    m = migratedTo(32);
    m.db.exec(`
      INSERT INTO venues (id, name, currency, timezone) VALUES ('v', 'Hall', 'EUR', 'UTC');
      INSERT INTO events (id, venue_id, name, description) VALUES ('e', 'v', 'Hamlet', '');
      INSERT INTO performances (id, event_id, starts_at, capacity, status)
        VALUES ('p', 'e', '2026-12-01T19:30:00.000Z', 100, 'on_sale');`);
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 33),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  it('keeps performances without a cap, and takes a cap from 0 to 10000 or none', () => {
    expect(m.db.prepare('SELECT id, capacity, overuse_cap FROM performances').all()).toEqual([
      { id: 'p', capacity: 100, overuse_cap: null },
    ]);
    const cap = (n: number | null) => () =>
      m.db.prepare("UPDATE performances SET overuse_cap = ? WHERE id = 'p'").run(n);
    for (const ok of [0, 10_000, null]) expect(cap(ok)).not.toThrow();
    expect(cap(-1)).toThrow(/CHECK/);
    expect(cap(10_001)).toThrow(/CHECK/);
  });
});
