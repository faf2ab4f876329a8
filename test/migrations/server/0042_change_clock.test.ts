import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { NEXT_POS, positionCte, watermark } from '../../../src-server/db/repos/change-pos';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG, venue: VENUE } = SEEDED;
const MIGRATION = 'change_clock';

describe.each(backends)(`0042_${MIGRATION} (%s)`, (backend) => {
  let database: TestDatabase;
  const q = <T>(sql: string, params: unknown[] = []) => database.db.query<T>(sql, params);
  const index = () => loadMigrations().findIndex((m) => m.name === MIGRATION);
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, index()));
    await seedTerminal(database.db);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('starts every new position above every position the old counter handed out', async () => {
    // An organisation whose counter ran far ahead of this cluster's transaction ids.
    await q('INSERT INTO sync_positions (org_id, last_pos) VALUES ($1, 987654321)', [ORG]);
    await q('UPDATE venues SET change_pos = 987654321 WHERE id = $1', [VENUE]);
    const generation = await q<{ generation: string }>(
      'SELECT generation FROM sync_positions WHERE org_id = $1',
      [ORG],
    );
    await migrate(database.db, loadMigrations().slice(0, index() + 1));

    await q(`WITH ${positionCte()} UPDATE venues SET change_pos = ${NEXT_POS} WHERE id = $1`, [VENUE]);
    const [venue] = await q<{ pos: number }>('SELECT change_pos AS pos FROM venues WHERE id = $1', [VENUE]);
    expect(venue?.pos).toBeGreaterThan(987654321);
    expect(await watermark(database.db)).toBeGreaterThan(987654321);
    // Terminals' cursors stay valid: the generation is kept.
    expect(await q('SELECT generation FROM sync_positions WHERE org_id = $1', [ORG])).toEqual(generation);
  });

  it('holds one clock row with an offset that cannot go below zero', async () => {
    await migrate(database.db, loadMigrations().slice(0, index() + 1));
    expect(await q('SELECT count(*)::int AS n FROM sync_clock')).toEqual([{ n: 1 }]);
    await expect(q('INSERT INTO sync_clock (one, xid_offset) VALUES (true, 0)')).rejects.toThrow(
      /duplicate|unique/,
    );
    await expect(q('UPDATE sync_clock SET xid_offset = -1')).rejects.toThrow(/check/);
  });
});
