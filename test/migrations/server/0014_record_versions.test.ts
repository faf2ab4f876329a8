import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

describe.each(backends)('0014_record_versions (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 13));
    await seedTerminal(database.db);
    await q(
      "INSERT INTO staff (id, org_id, name, email, role_id) VALUES (gen_random_uuid(), $1, 'Kim', 'kim@example.test', 'manager')",
      [SEEDED.org],
    );
    await migrate(database.db, loadMigrations().slice(0, 14));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('starts every record that existed before at version 1', async () => {
    expect(await q('SELECT version FROM venues WHERE org_id = $1', [SEEDED.org])).toEqual([{ version: 1 }]);
    expect(await q('SELECT version FROM staff WHERE org_id = $1', [SEEDED.org])).toEqual([{ version: 1 }]);
  });
});
