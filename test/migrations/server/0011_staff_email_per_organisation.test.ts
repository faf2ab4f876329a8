import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG } = SEEDED;
const OTHER = '00000000-0000-7000-8000-0000000000b1';

describe.each(backends)('0011_staff_email_per_organisation (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  const staff = (org: string, email: string) =>
    q(
      "INSERT INTO staff (id, org_id, name, email, role_id) VALUES (gen_random_uuid(), $1, 'S', $2, 'manager')",
      [org, email],
    );
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 10));
    await seedTerminal(database.db);
    await q("INSERT INTO organisations (id, name) VALUES ($1, 'Other')", [OTHER]);
    // An account from before 0011 keeps its address.
    await staff(ORG, 'Kim@Example.test');
    await migrate(database.db, loadMigrations().slice(0, 11));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('takes the same address in another organisation, not twice in one (in any case)', async () => {
    await staff(OTHER, 'kim@example.test');
    await expect(staff(ORG, 'KIM@example.test')).rejects.toThrow(/duplicate key|unique/i);
    expect(await q("SELECT count(*)::int AS n FROM staff WHERE lower(email) = 'kim@example.test'")).toEqual([
      { n: 2 },
    ]);
  });
});
