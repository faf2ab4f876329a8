import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG, terminal: TERMINAL } = SEEDED;
const REQUEST = '00000000-0000-7000-8000-000000000004';

describe.each(backends)('0006_lease_refusals (%s)', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 6));
    await seedTerminal(database.db);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('keeps one refusal per terminal and request id', async () => {
    const insert = () =>
      database.db.query(
        "INSERT INTO escrow_refusals (org_id, terminal_id, request_id, counter) VALUES ($1, $2, $3, 'capacity:x')",
        [ORG, TERMINAL, REQUEST],
      );
    await insert();
    await expect(insert()).rejects.toThrow(/duplicate key|unique/i);
  });
});
