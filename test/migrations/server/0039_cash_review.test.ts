import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG, terminal: TERMINAL } = SEEDED;
const KEPT = '00000000-0000-7000-8000-000000000031';
const MIGRATION = 'cash_review';

describe.each(backends)(`0039_${MIGRATION} (%s)`, (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  const index = () => loadMigrations().findIndex((m) => m.name === MIGRATION);
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, index()));
    await seedTerminal(database.db);
    await q(
      `INSERT INTO review_items (id, org_id, kind, terminal_id, summary) VALUES ($1, $2, 'seat_not_held', $3, 'kept')`,
      [KEPT, ORG, TERMINAL],
    );
  });
  afterEach(async () => {
    await database.dispose();
  });

  const add = (id: string, kind: string) =>
    q(`INSERT INTO review_items (id, org_id, kind, summary) VALUES ($1, $2, $3, 's')`, [id, ORG, kind]);

  it('admits cash_unpermitted review items only once it ran, keeps earlier items, and nothing unknown', async () => {
    await expect(add('00000000-0000-7000-8000-000000000032', 'cash_unpermitted')).rejects.toThrow(/check/);
    await migrate(database.db, loadMigrations().slice(0, index() + 1));
    expect(await q('SELECT kind, summary FROM review_items WHERE id = $1', [KEPT])).toEqual([
      { kind: 'seat_not_held', summary: 'kept' },
    ]);
    await add('00000000-0000-7000-8000-000000000033', 'cash_unpermitted');
    await expect(add('00000000-0000-7000-8000-000000000034', 'forged')).rejects.toThrow(/check/);
  });
});
