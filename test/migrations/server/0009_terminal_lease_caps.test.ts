import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { terminal: TERMINAL } = SEEDED;

describe.each(backends)('0009_terminal_lease_caps (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 8));
    // A terminal enrolled before 0009 keeps working, on the default cap.
    await seedTerminal(database.db);
    await migrate(database.db, loadMigrations().slice(0, 9));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('leaves existing terminals on the default (NULL) and takes a percent from 1 to 100', async () => {
    expect(await q('SELECT lease_cap_percent FROM terminals WHERE id = $1', [TERMINAL])).toEqual([
      { lease_cap_percent: null },
    ]);
    await q('UPDATE terminals SET lease_cap_percent = 100 WHERE id = $1', [TERMINAL]);
    await expect(q('UPDATE terminals SET lease_cap_percent = 0 WHERE id = $1', [TERMINAL])).rejects.toThrow(
      /check/i,
    );
    await expect(q('UPDATE terminals SET lease_cap_percent = 101 WHERE id = $1', [TERMINAL])).rejects.toThrow(
      /check/i,
    );
  });
});
