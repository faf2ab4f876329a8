import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG, terminal: TERMINAL } = SEEDED;
const STAFF = '00000000-0000-7000-8000-000000000004';
const ITEM = '00000000-0000-7000-8000-000000000005';
const MUTATION = '00000000-0000-7000-8000-000000000006';

describe.each(backends)('0007_review_outcomes (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 6));
    await seedTerminal(database.db);
    await q(
      "INSERT INTO staff (id, org_id, name, role_id, pin_hash) VALUES ($1, $2, 'Mia', 'manager', 'x')",
      [STAFF, ORG],
    );
    // An item and a quarantined mutation from before 0007: both must survive it unchanged.
    await q(
      `INSERT INTO review_items (id, org_id, kind, terminal_id, mutation_id, summary)
       VALUES ($1, $2, 'quarantined', $3, $4, 'kept')`,
      [ITEM, ORG, TERMINAL, MUTATION],
    );
    await q(
      `INSERT INTO quarantined_mutations (org_id, mutation_id, terminal_id, epoch, seq, type, reason, message, payload,
         hash, created_at)
       VALUES ($1, $2, $3, 1, 1, 'sale', 'UNKNOWN_PERFORMANCE', 'm', '{}', 'h', now())`,
      [ORG, MUTATION, TERMINAL],
    );
    await migrate(database.db, loadMigrations().slice(0, 7));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('keeps earlier rows: the item open, the mutation still quarantined', async () => {
    expect(await q('SELECT status FROM review_items WHERE id = $1', [ITEM])).toEqual([{ status: 'open' }]);
    expect(
      await q('SELECT applied_at, applied_by FROM quarantined_mutations WHERE mutation_id = $1', [MUTATION]),
    ).toEqual([{ applied_at: null, applied_by: null }]);
  });

  it('lets an item close as voided or applied, still only with a resolution time', async () => {
    const close = (status: string, at: string | null) =>
      q('UPDATE review_items SET status = $2, resolved_at = $3 WHERE id = $1', [ITEM, status, at]);
    await close('voided', '2026-01-01T00:00:00Z');
    await close('applied', '2026-01-01T00:00:00Z');
    await expect(close('applied', null)).rejects.toThrow(/check/);
    await expect(close('retried', '2026-01-01T00:00:00Z')).rejects.toThrow(/check/);
  });

  it('records who applied a quarantined mutation together with when', async () => {
    const apply = (at: string | null, by: string | null) =>
      q('UPDATE quarantined_mutations SET applied_at = $2, applied_by = $3 WHERE mutation_id = $1', [
        MUTATION,
        at,
        by,
      ]);
    await expect(apply('2026-01-01T00:00:00Z', null)).rejects.toThrow(/check/);
    await expect(apply('2026-01-01T00:00:00Z', '00000000-0000-7000-8000-0000000000ff')).rejects.toThrow(
      /foreign key/,
    );
    await apply('2026-01-01T00:00:00Z', STAFF);
  });
});
