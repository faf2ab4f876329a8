import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, type TestDatabase } from '../../helpers/server-db';

// 0023 is a placeholder for the change that owns the number (see the migration); it changes nothing.
describe.each(backends)('0023_reserved (%s)', (backend) => {
  let database: TestDatabase;
  const columns = () =>
    database.db.query(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'
       ORDER BY table_name, column_name`,
    );
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 22));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('leaves the tables as 0022 made them', async () => {
    const before = await columns();
    await migrate(database.db, loadMigrations().slice(0, 23));
    expect(await columns()).toEqual(before);
  });
});
