import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { terminal: TERMINAL } = SEEDED;

describe.each(backends)('0019_terminal_pending_sales (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 18));
    await seedTerminal(database.db);
    await migrate(database.db, loadMigrations().slice(0, 19));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('leaves a terminal that has not said its count with none, and takes a count but not a negative one', async () => {
    expect(await q('SELECT pending_sales FROM terminals WHERE id = $1', [TERMINAL])).toEqual([
      { pending_sales: null },
    ]);
    await q('UPDATE terminals SET pending_sales = 3 WHERE id = $1', [TERMINAL]);
    expect(await q('SELECT pending_sales FROM terminals WHERE id = $1', [TERMINAL])).toEqual([
      { pending_sales: 3 },
    ]);
    await expect(q('UPDATE terminals SET pending_sales = -1 WHERE id = $1', [TERMINAL])).rejects.toThrow(
      /check/i,
    );
  });
});
