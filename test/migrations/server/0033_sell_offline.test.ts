import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG } = SEEDED;

describe.each(backends)('0033_sell_offline (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 32));
    await seedTerminal(database.db);
    for (const [id, permissions] of [
      ['box', ['sell', 'refund']],
      ['door', ['tickets.check']],
      ['both', ['sell', 'sell.offline']],
    ] as const) {
      await q(
        `INSERT INTO roles (org_id, id, name, permissions, ceiling_percent, ceiling_amount)
         VALUES ($1, $2, $2, $3::jsonb, 0, 0)`,
        [ORG, id, JSON.stringify(permissions)],
      );
    }
    await migrate(database.db, loadMigrations().slice(0, 33));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('lets every stored role that sells go on selling offline, once, and leaves the others alone', async () => {
    const rows = await q('SELECT id, permissions FROM roles WHERE org_id = $1 ORDER BY id', [ORG]);
    expect(rows).toEqual([
      { id: 'both', permissions: ['sell', 'sell.offline'] },
      { id: 'box', permissions: ['sell', 'refund', 'sell.offline'] },
      { id: 'door', permissions: ['tickets.check'] },
    ]);
  });
});
