import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG } = SEEDED;
const OLD = '00000000-0000-7000-8000-0000000000c1';
const NEW = '00000000-0000-7000-8000-0000000000c2';

describe.each(backends)('0027_customer_pull (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);

  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 26));
    await seedTerminal(database.db);
    await q("INSERT INTO customers (id, org_id, name) VALUES ($1, $2, 'Olga Old')", [OLD, ORG]);
    await migrate(database.db, loadMigrations().slice(0, 27));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('puts an existing customer at position 0, where a full snapshot finds them, and refuses no position', async () => {
    expect(await q('SELECT id::text, change_pos FROM customers')).toEqual([{ id: OLD, change_pos: 0 }]);
    await q("INSERT INTO customers (id, org_id, name, change_pos) VALUES ($1, $2, 'Nina New', 9)", [
      NEW,
      ORG,
    ]);
    await expect(q('UPDATE customers SET change_pos = NULL WHERE id = $1', [NEW])).rejects.toThrow(/null/i);
    const pulled = await q(
      'SELECT id::text FROM customers WHERE org_id = $1 AND change_pos > $2 ORDER BY change_pos, id',
      [ORG, 0],
    );
    expect(pulled).toEqual([{ id: NEW }]);
  });
});
