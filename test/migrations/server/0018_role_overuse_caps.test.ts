import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG, terminal: TERMINAL } = SEEDED;
const ITEM = '00000000-0000-7000-8000-000000000004';

describe.each(backends)('0018_role_overuse_caps (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 17));
    await seedTerminal(database.db);
    // A custom role and a review item from before 0018.
    await q(
      `INSERT INTO roles (org_id, id, name, permissions, ceiling_percent, ceiling_amount)
       VALUES ($1, 'door', 'Door', '["sell","overuse.grant"]', 0, 0)`,
      [ORG],
    );
    await q(
      `INSERT INTO review_items (id, org_id, kind, terminal_id, summary) VALUES ($1, $2, 'approval_unproven', $3, 'kept')`,
      [ITEM, ORG, TERMINAL],
    );
    await migrate(database.db, loadMigrations().slice(0, 18));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('leaves existing roles without a cap and keeps a cap of zero or more, never a negative one', async () => {
    expect(await q("SELECT overuse_cap FROM roles WHERE id = 'door'")).toEqual([{ overuse_cap: null }]);
    await q("UPDATE roles SET overuse_cap = 0 WHERE id = 'door'");
    await q("UPDATE roles SET overuse_cap = 25 WHERE id = 'door'");
    expect(await q("SELECT overuse_cap FROM roles WHERE id = 'door'")).toEqual([{ overuse_cap: 25 }]);
    await expect(q("UPDATE roles SET overuse_cap = -1 WHERE id = 'door'")).rejects.toThrow(/check/);
  });

  it('keeps earlier review items and admits overuse_cap_exceeded, still nothing unknown', async () => {
    expect(await q('SELECT kind, summary FROM review_items WHERE id = $1', [ITEM])).toEqual([
      { kind: 'approval_unproven', summary: 'kept' },
    ]);
    const add = (id: string, kind: string) =>
      q(`INSERT INTO review_items (id, org_id, kind, summary) VALUES ($1, $2, $3, 's')`, [id, ORG, kind]);
    await add('00000000-0000-7000-8000-000000000005', 'overuse_cap_exceeded');
    await expect(add('00000000-0000-7000-8000-000000000006', 'forged')).rejects.toThrow(/check/);
  });
});
