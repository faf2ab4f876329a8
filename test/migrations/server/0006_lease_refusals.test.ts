import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, type TestDatabase } from '../../helpers/server-db';

const ORG = '00000000-0000-7000-8000-000000000001';
const VENUE = '00000000-0000-7000-8000-000000000002';
const TERMINAL = '00000000-0000-7000-8000-000000000003';
const REQUEST = '00000000-0000-7000-8000-000000000004';

describe.each(backends)('0006_lease_refusals (%s)', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 6));
    await database.db.query("INSERT INTO organisations (id, name) VALUES ($1, 'Org')", [ORG]);
    await database.db.query(
      "INSERT INTO venues (id, org_id, name, currency, timezone) VALUES ($1, $2, 'Hall', 'EUR', 'UTC')",
      [VENUE, ORG],
    );
    await database.db.query(
      "INSERT INTO terminals (id, org_id, venue_id, name, token_hash) VALUES ($1, $2, $3, 'Till', 'h')",
      [TERMINAL, ORG, VENUE],
    );
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
