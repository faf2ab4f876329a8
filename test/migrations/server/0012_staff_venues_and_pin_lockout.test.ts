import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG, venue: HALL } = SEEDED;
const STUDIO = '00000000-0000-7000-8000-000000000010';
const OTHER_ORG = '00000000-0000-7000-8000-000000000011';
const OTHER_VENUE = '00000000-0000-7000-8000-000000000012';
const MIA = '00000000-0000-7000-8000-000000000013';
const SAM = '00000000-0000-7000-8000-000000000014';
const OLA = '00000000-0000-7000-8000-000000000015';

describe.each(backends)('0012_staff_venues_and_pin_lockout (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 11));
    await seedTerminal(database.db);
    await q(
      "INSERT INTO venues (id, org_id, name, currency, timezone) VALUES ($1, $2, 'Studio', 'EUR', 'UTC')",
      [STUDIO, ORG],
    );
    await q("INSERT INTO organisations (id, name) VALUES ($1, 'Other')", [OTHER_ORG]);
    await q(
      "INSERT INTO venues (id, org_id, name, currency, timezone) VALUES ($1, $2, 'Far', 'EUR', 'UTC')",
      [OTHER_VENUE, OTHER_ORG],
    );
    for (const [id, org, role] of [
      [MIA, ORG, 'manager'],
      [SAM, ORG, 'seller'],
      [OLA, OTHER_ORG, 'seller'],
    ]) {
      await q("INSERT INTO staff (id, org_id, name, role_id, pin_hash) VALUES ($1, $2, 'x', $3, 'h')", [
        id,
        org,
        role,
      ]);
    }
    await migrate(database.db, loadMigrations().slice(0, 12));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('gives everyone every venue of their own organisation, and no other', async () => {
    const rows = await q('SELECT staff_id, venue_id FROM staff_venues ORDER BY staff_id, venue_id');
    expect(rows).toEqual([
      { staff_id: MIA, venue_id: HALL },
      { staff_id: MIA, venue_id: STUDIO },
      { staff_id: SAM, venue_id: HALL },
      { staff_id: SAM, venue_id: STUDIO },
      { staff_id: OLA, venue_id: OTHER_VENUE },
    ]);
  });

  it('starts everyone unlocked with no PIN failures and an unknown PIN length', async () => {
    expect(
      await q('SELECT DISTINCT pin_failures, pin_locked_until, pin_last_failure_at, pin_digits FROM staff'),
    ).toEqual([{ pin_failures: 0, pin_locked_until: null, pin_last_failure_at: null, pin_digits: null }]);
    await expect(q('UPDATE staff SET pin_failures = -1 WHERE id = $1', [SAM])).rejects.toThrow(/check/);
  });

  it('keeps one row per person and venue', async () => {
    await expect(
      q('INSERT INTO staff_venues (org_id, staff_id, venue_id) VALUES ($1, $2, $3)', [ORG, SAM, HALL]),
    ).rejects.toThrow(/duplicate key|unique/i);
  });
});
