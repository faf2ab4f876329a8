import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG, venue: VENUE, terminal: TERMINAL } = SEEDED;
const EVENT = '00000000-0000-7000-8000-00000000e004';
const FIRST = '00000000-0000-7000-8000-00000000e005';
const SECOND = '00000000-0000-7000-8000-00000000e006';
const REQUEST = '00000000-0000-7000-8000-00000000e007';

describe.each(backends)('0031_seat_lease_requests (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  const lease = (performance: string) =>
    q(
      `INSERT INTO seat_leases (id, org_id, terminal_id, performance_id, request_id, expires_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, '2026-12-24T19:30:00Z')`,
      [ORG, TERMINAL, performance, REQUEST],
    );
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 30));
    await seedTerminal(database.db);
    await q(`INSERT INTO events (id, org_id, venue_id, name) VALUES ($1, $2, $3, 'Play')`, [
      EVENT,
      ORG,
      VENUE,
    ]);
    for (const id of [FIRST, SECOND]) {
      await q(
        `INSERT INTO performances (id, org_id, event_id, starts_at, capacity, status)
         VALUES ($1, $2, $3, '2026-12-24T19:30:00Z', 100, 'on_sale')`,
        [id, ORG, EVENT],
      );
    }
    await lease(FIRST);
    await expect(lease(SECOND)).rejects.toThrow(/duplicate key|unique/i);
    await migrate(database.db, loadMigrations().slice(0, 31));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('lets one request lease seats of several performances, once each', async () => {
    await lease(SECOND);
    await expect(lease(FIRST)).rejects.toThrow(/duplicate key|unique/i);
    expect(await q('SELECT count(*)::int AS n FROM seat_leases')).toEqual([{ n: 2 }]);
  });

  it('remembers a request once, with its refusals as an array', async () => {
    const request = (refusals: string) =>
      q(
        `INSERT INTO seat_lease_requests (terminal_id, request_id, org_id, refusals) VALUES ($1, $2, $3, $4::jsonb)`,
        [TERMINAL, REQUEST, ORG, refusals],
      );
    await expect(request('{}')).rejects.toThrow(/check/i);
    await request('[{"performanceId":"x","message":"m"}]');
    await expect(request('[]')).rejects.toThrow(/duplicate key|unique/i);
  });
});
