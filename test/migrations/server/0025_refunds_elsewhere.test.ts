import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import {
  backends,
  freshDatabase,
  SEEDED,
  seedPosSale,
  seedTerminal,
  type TestDatabase,
} from '../../helpers/server-db';

const { org: ORG, terminal: TERMINAL } = SEEDED;
const SALE = '00000000-0000-7000-8000-00000000a001';
const OLD_REFUND = '00000000-0000-7000-8000-00000000b001';

describe.each(backends)('0025_refunds_elsewhere (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  const refund = (id: string, saleTerminal: string | null, pos: number | null) =>
    q(
      `INSERT INTO pos_refunds (id, org_id, terminal_id, sale_id, mutation_id, kind, shift_id, staff_id, amount,
         payload, created_at, sale_terminal_id, change_pos)
       VALUES ($1, $2, $3, $4, gen_random_uuid(), 'refund', gen_random_uuid(), gen_random_uuid(), 100, '{}', now(),
         $5, $6)`,
      [id, ORG, TERMINAL, SALE, saleTerminal, pos],
    );
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 24));
    await seedTerminal(database.db);
    await seedPosSale(database.db, SALE);
    await q(
      `INSERT INTO pos_refunds (id, org_id, terminal_id, sale_id, mutation_id, kind, shift_id, staff_id, amount,
         payload, created_at)
       VALUES ($1, $2, $3, $4, gen_random_uuid(), 'refund', gen_random_uuid(), gen_random_uuid(), 100, '{}', now())`,
      [OLD_REFUND, ORG, TERMINAL, SALE],
    );
    await migrate(database.db, loadMigrations().slice(0, 25));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('keeps an existing refund as made at the sale’s own terminal: no position, nothing to pull', async () => {
    expect(await q('SELECT sale_terminal_id, change_pos FROM pos_refunds')).toEqual([
      { sale_terminal_id: null, change_pos: null },
    ]);
  });

  it('takes a position exactly when it names the sale’s other terminal, and that terminal must exist', async () => {
    await refund('00000000-0000-7000-8000-00000000b002', TERMINAL, 7);
    await expect(refund('00000000-0000-7000-8000-00000000b003', TERMINAL, null)).rejects.toThrow(/check/i);
    await expect(refund('00000000-0000-7000-8000-00000000b004', null, 8)).rejects.toThrow(/check/i);
    await expect(
      refund('00000000-0000-7000-8000-00000000b005', '00000000-0000-7000-8000-0000000000ff', 9),
    ).rejects.toThrow(/foreign key/i);
  });
});
