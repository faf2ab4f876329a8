import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { terminal: TERMINAL } = SEEDED;

describe.each(backends)('0034_offline_limits (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 33));
    await seedTerminal(database.db);
    await migrate(database.db, loadMigrations().slice(0, 34));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('leaves a terminal enrolled before it without limits, and refuses limits no terminal can have', async () => {
    expect(
      await q('SELECT offline_max_sale, offline_max_minutes FROM terminals WHERE id = $1', [TERMINAL]),
    ).toEqual([{ offline_max_sale: null, offline_max_minutes: null }]);
    const set = (sale: number | null, minutes: number | null) =>
      q('UPDATE terminals SET offline_max_sale = $2, offline_max_minutes = $3 WHERE id = $1', [
        TERMINAL,
        sale,
        minutes,
      ]);
    await expect(set(20_000, 120)).resolves.toBeDefined();
    await expect(set(0, null)).rejects.toThrow(/check/i);
    await expect(set(1_000_000_001, null)).rejects.toThrow(/check/i);
    await expect(set(null, 0)).rejects.toThrow(/check/i);
    await expect(set(null, 10_081)).rejects.toThrow(/check/i);
  });
});
