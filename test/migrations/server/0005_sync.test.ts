import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG, venue: VENUE, terminal: TERMINAL } = SEEDED;

describe.each(backends)('0005_sync (%s)', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 4));
    // An organisation from before sync: 0005 must give it a change-position row.
    await seedTerminal(database.db);
    await migrate(database.db, loadMigrations().slice(0, 5));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('gives existing organisations a position row, rows position 0 and terminals the active state', async () => {
    const [pos] = await database.db.query<{ lastPos: number }>(
      'SELECT last_pos AS "lastPos" FROM sync_positions WHERE org_id = $1',
      [ORG],
    );
    expect(pos?.lastPos).toBe(0);
    const [venue] = await database.db.query<{ changePos: number }>(
      'SELECT change_pos AS "changePos" FROM venues WHERE id = $1',
      [VENUE],
    );
    expect(venue?.changePos).toBe(0);
    const [terminal] = await database.db.query<{ state: string }>(
      'SELECT state FROM terminals WHERE id = $1',
      [TERMINAL],
    );
    expect(terminal?.state).toBe('active');
  });

  it('never lets a counter’s pool go negative', async () => {
    await expect(
      database.db.query(
        `INSERT INTO escrow_counters (org_id, counter, limit_units, unallocated, absorbed) VALUES ($1, 'c', 1, -1, 2)`,
        [ORG],
      ),
    ).rejects.toThrow(/check/);
  });

  it('keeps a lease request id unique per terminal and used + returned within granted', async () => {
    await database.db.query(
      `INSERT INTO escrow_counters (org_id, counter, limit_units, unallocated, absorbed) VALUES ($1, 'c', 10, 10, 0)`,
      [ORG],
    );
    const lease = (id: string, used: number) =>
      database.db.query(
        `INSERT INTO escrow_leases (id, org_id, terminal_id, epoch, counter, request_id, granted, used, unallocated_after,
           expires_at, status)
         VALUES ($1, $2, $3, 1, 'c', '00000000-0000-7000-8000-0000000000aa', 2, $4, 8, now(), 'active')`,
        [id, ORG, TERMINAL, used],
      );
    await expect(lease('00000000-0000-7000-8000-0000000000b1', 3)).rejects.toThrow(/check/);
    await lease('00000000-0000-7000-8000-0000000000b2', 1);
    await expect(lease('00000000-0000-7000-8000-0000000000b3', 0)).rejects.toThrow(/escrow_leases_request/);
  });

  it('applies a mutation id once per organisation but lets a re-push log it again as a duplicate', async () => {
    const log = (epoch: number, status: string) =>
      database.db.query(
        `INSERT INTO sync_mutations (org_id, terminal_id, epoch, seq, mutation_id, type, prev_hash, hash, status)
         VALUES ($1, $2, $3, 1, '00000000-0000-7000-8000-0000000000c1', 'sale', 'p', 'h', $4)`,
        [ORG, TERMINAL, epoch, status],
      );
    await log(1, 'applied');
    await expect(log(2, 'applied')).rejects.toThrow(/sync_mutations_once/);
    await log(2, 'duplicate');
  });

  it('requires a resolution time exactly when a review item is resolved', async () => {
    await expect(
      database.db.query(
        `INSERT INTO review_items (id, org_id, kind, status, summary) VALUES ($1, $2, 'quarantined', 'accepted', 's')`,
        ['00000000-0000-7000-8000-0000000000d1', ORG],
      ),
    ).rejects.toThrow(/check/);
  });
});
