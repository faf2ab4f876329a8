import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG } = SEEDED;
const OTHER = '00000000-0000-7000-8000-0000000000a1';
const CODE = '00000000-0000-7000-8000-0000000000a2';
const OTHER_CODE = '00000000-0000-7000-8000-0000000000a3';
const REDEMPTION = '00000000-0000-7000-8000-0000000000a4';
const ITEM = '00000000-0000-7000-8000-0000000000a5';

describe.each(backends)('0010_redemptions_per_organisation (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  const redeem = (org: string, code: string, id = REDEMPTION) =>
    q(
      `INSERT INTO redemptions (id, org_id, order_id, code_id, code_version, channel, currency, tickets, item_uses,
         discount, revenue, redeemed_at)
       VALUES ($1, $2, gen_random_uuid(), $3, 1, 'online', 'EUR', 1, 1, 100, 900, now())`,
      [id, org, code],
    );
  const code = (org: string, id: string) =>
    q(
      `INSERT INTO codes (id, org_id, code, status, name, description, benefit, rules, offline_policy)
       VALUES ($1, $2, $3, 'active', 'n', '', '{"type":"percentage","percent":100}', '{}', 'deny')`,
      [id, org, `C${id.slice(-4).toUpperCase()}`],
    );

  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 9));
    await seedTerminal(database.db);
    await q("INSERT INTO organisations (id, name) VALUES ($1, 'Other')", [OTHER]);
    await code(ORG, CODE);
    await code(OTHER, OTHER_CODE);
    // A redemption and a review item about it from before 0010: both survive it.
    await redeem(ORG, CODE);
    await q(
      `INSERT INTO review_items (id, org_id, kind, redemption_id, summary) VALUES ($1, $2, 'overuse_excess', $3, 'kept')`,
      [ITEM, ORG, REDEMPTION],
    );
    await migrate(database.db, loadMigrations().slice(0, 10));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('keeps earlier rows and takes the same id in another organisation as its own row', async () => {
    expect(await q('SELECT redemption_id FROM review_items WHERE id = $1', [ITEM])).toEqual([
      { redemption_id: REDEMPTION },
    ]);
    await redeem(OTHER, OTHER_CODE);
    expect(
      await q('SELECT org_id FROM redemptions WHERE id = $1 ORDER BY org_id', [REDEMPTION]),
    ).toHaveLength(2);
    await expect(redeem(ORG, CODE)).rejects.toThrow(/duplicate key|unique/i);
  });

  it('lets a review item name only a redemption of its own organisation', async () => {
    await expect(
      q(
        `INSERT INTO review_items (id, org_id, kind, redemption_id, summary)
         VALUES (gen_random_uuid(), $1, 'overuse_excess', $2, 'x')`,
        [OTHER, REDEMPTION],
      ),
    ).rejects.toThrow(/foreign key/i);
  });
});
