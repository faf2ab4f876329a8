import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, type TestDatabase } from '../../helpers/server-db';

const ORG = '00000000-0000-7000-8000-000000000001';
const VENUE = '00000000-0000-7000-8000-000000000002';
const EVENT = '00000000-0000-7000-8000-000000000003';

describe.each(backends)('0002_catalogue (%s)', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 2));
    await database.db.query("INSERT INTO organisations (id, name) VALUES ($1, 'Org')", [ORG]);
    await database.db.query(
      "INSERT INTO venues (id, org_id, name, currency, timezone) VALUES ($1, $2, 'V', 'EUR', 'UTC')",
      [VENUE, ORG],
    );
    await database.db.query("INSERT INTO events (id, org_id, venue_id, name) VALUES ($1, $2, $3, 'E')", [
      EVENT,
      ORG,
      VENUE,
    ]);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('refuses a negative price and a VAT rate above 100 %', async () => {
    const insert = (price: number, vat: number) =>
      database.db.query(
        "INSERT INTO products (id, org_id, kind, name, unit_price, vat_rate) VALUES (gen_random_uuid(), $1, 'merch', 'p', $2, $3)",
        [ORG, price, vat],
      );
    await expect(insert(-1, 1900)).rejects.toThrow(/unit_price/);
    await expect(insert(100, 10001)).rejects.toThrow(/vat_rate/);
    await insert(100, 1900);
  });

  it('refuses a performance of an event that does not exist', async () => {
    await expect(
      database.db.query(
        "INSERT INTO performances (id, org_id, event_id, starts_at, capacity, status) VALUES (gen_random_uuid(), $1, gen_random_uuid(), now(), 10, 'on_sale')",
        [ORG],
      ),
    ).rejects.toThrow(/foreign key/);
  });

  it('stores amounts beyond 32 bits exactly', async () => {
    await database.db.query(
      "INSERT INTO products (id, org_id, kind, name, unit_price, vat_rate) VALUES (gen_random_uuid(), $1, 'merch', 'gold', $2, 0)",
      [ORG, 9_007_199_254_740_991],
    );
    const [row] = await database.db.query<{ unit_price: number }>(
      "SELECT unit_price FROM products WHERE name = 'gold'",
    );
    expect(row?.unit_price).toBe(9_007_199_254_740_991);
  });
});
