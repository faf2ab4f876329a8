import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import {
  backends,
  freshDatabase,
  seedPosSale,
  seedTerminal,
  type TestDatabase,
} from '../../helpers/server-db';

const OLD = '00000000-0000-7000-8000-00000000b001';
const NEW = '00000000-0000-7000-8000-00000000b002';

describe.each(backends)('0028_exchanges (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 28));
    await seedTerminal(database.db);
    await seedPosSale(database.db, OLD);
    await seedPosSale(database.db, NEW);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('leaves existing sales unlinked and finds a sale by the one it exchanged', async () => {
    expect(await q('SELECT exchange_of FROM pos_sales WHERE id = $1', [OLD])).toEqual([
      { exchange_of: null },
    ]);
    await q('UPDATE pos_sales SET exchange_of = $1 WHERE id = $2', [OLD, NEW]);
    expect(await q('SELECT id FROM pos_sales WHERE exchange_of = $1', [OLD])).toEqual([{ id: NEW }]);
    await expect(q("UPDATE pos_sales SET exchange_of = 'not-a-uuid' WHERE id = $1", [NEW])).rejects.toThrow(
      /uuid/i,
    );
  });
});
