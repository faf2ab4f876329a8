import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { terminal: TERMINAL } = SEEDED;

describe.each(backends)('0016_terminal_sync_times (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 15));
    // A terminal enrolled before 0016 has never been heard from as far as the new columns know.
    await seedTerminal(database.db);
    await migrate(database.db, loadMigrations().slice(0, 16));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('leaves existing terminals with no push or pull time and takes one', async () => {
    expect(await q('SELECT last_push_at, last_pull_at FROM terminals WHERE id = $1', [TERMINAL])).toEqual([
      { last_push_at: null, last_pull_at: null },
    ]);
    await q("UPDATE terminals SET last_pull_at = '2030-01-02T03:04:05Z' WHERE id = $1", [TERMINAL]);
    const [row] = await q('SELECT last_pull_at FROM terminals WHERE id = $1', [TERMINAL]);
    expect(new Date((row as { last_pull_at: string }).last_pull_at).toISOString()).toBe(
      '2030-01-02T03:04:05.000Z',
    );
  });
});
