import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG } = SEEDED;

describe.each(backends)('0038_comps (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 37));
    await seedTerminal(database.db);
    for (const [id, permissions] of [
      ['approver', ['sell', 'custom.approve']],
      ['box', ['sell', 'discount.custom']],
      ['already', ['sell', 'custom.approve', 'sale.comp']],
    ] as const) {
      await q(
        `INSERT INTO roles (org_id, id, name, permissions, ceiling_percent, ceiling_amount)
         VALUES ($1, $2, $2, $3::jsonb, 0, 0)`,
        [ORG, id, JSON.stringify(permissions)],
      );
    }
    await migrate(database.db, loadMigrations().slice(0, 38));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('gives sale.comp, once, to the stored roles that could give an order away (custom.approve), no others', async () => {
    const rows = await q('SELECT id, permissions FROM roles WHERE org_id = $1 ORDER BY id', [ORG]);
    expect(rows).toEqual([
      { id: 'already', permissions: ['sell', 'custom.approve', 'sale.comp'] },
      { id: 'approver', permissions: ['sell', 'custom.approve', 'sale.comp'] },
      { id: 'box', permissions: ['sell', 'discount.custom'] },
    ]);
  });
});
