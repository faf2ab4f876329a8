import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const STAFF = '00000000-0000-7000-8000-0000000000a1';

describe.each(backends)('0036_staff_training (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 35));
    await seedTerminal(database.db);
    await q("INSERT INTO staff (id, org_id, name, role_id, pin_hash) VALUES ($1, $2, 'Mia', 'seller', 'x')", [
      STAFF,
      SEEDED.org,
    ]);
    await migrate(database.db, loadMigrations().slice(0, 36));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('leaves everyone employed before it out of training, and keeps the flag a plain yes or no', async () => {
    expect(await q('SELECT training FROM staff WHERE id = $1', [STAFF])).toEqual([{ training: false }]);
    await q('UPDATE staff SET training = true WHERE id = $1', [STAFF]);
    expect(await q('SELECT training FROM staff WHERE id = $1', [STAFF])).toEqual([{ training: true }]);
    await expect(q('UPDATE staff SET training = NULL WHERE id = $1', [STAFF])).rejects.toThrow(/null/i);
  });
});
