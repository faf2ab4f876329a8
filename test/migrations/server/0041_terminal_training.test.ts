import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, seedTerminal, SEEDED, type TestDatabase } from '../../helpers/server-db';

const { terminal: TERMINAL } = SEEDED;
const MIGRATION = 'terminal_training';

describe.each(backends)(`0041_${MIGRATION} (%s)`, (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  const index = () => loadMigrations().findIndex((m) => m.name === MIGRATION);
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, index()));
    await seedTerminal(database.db);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('leaves a terminal enrolled before it out of training, and keeps the switch a plain yes or no', async () => {
    await expect(q('SELECT training FROM terminals')).rejects.toThrow(/training/);
    await migrate(database.db, loadMigrations().slice(0, index() + 1));
    expect(await q('SELECT training FROM terminals WHERE id = $1', [TERMINAL])).toEqual([
      { training: false },
    ]);
    await q('UPDATE terminals SET training = true WHERE id = $1', [TERMINAL]);
    expect(await q('SELECT training FROM terminals WHERE id = $1', [TERMINAL])).toEqual([{ training: true }]);
    await expect(q('UPDATE terminals SET training = NULL WHERE id = $1', [TERMINAL])).rejects.toThrow(
      /null/i,
    );
  });
});
