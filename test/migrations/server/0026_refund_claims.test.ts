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

describe.each(backends)('0026_refund_claims (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  const claim = (lineId: string, sale: string, createdAt: string, expiresAt: string) =>
    q(
      `INSERT INTO refund_claims (org_id, sale_id, line_id, unit_index, claim_id, terminal_id, created_at, expires_at)
       VALUES ($1, $2, $3, 0, gen_random_uuid(), $4, $5, $6)`,
      [ORG, sale, lineId, TERMINAL, createdAt, expiresAt],
    );
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 26));
    await seedTerminal(database.db);
    await seedPosSale(database.db, SALE);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('holds one claim per unit of a sale the server has, ending after it began', async () => {
    await claim('l1', SALE, '2026-12-06T10:00:00Z', '2026-12-06T10:15:00Z');
    await expect(claim('l1', SALE, '2026-12-06T10:01:00Z', '2026-12-06T10:16:00Z')).rejects.toThrow(
      /duplicate key|unique/i,
    );
    await expect(claim('l2', SALE, '2026-12-06T10:00:00Z', '2026-12-06T10:00:00Z')).rejects.toThrow(/check/i);
    await expect(
      claim('l3', '00000000-0000-7000-8000-00000000a0ff', '2026-12-06T10:00:00Z', '2026-12-06T10:15:00Z'),
    ).rejects.toThrow(/foreign key/i);
  });
});
