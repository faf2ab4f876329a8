import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

describe.each(backends)('0017_organisation_settings (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 16));
    await seedTerminal(database.db);
    await q("INSERT INTO organisations (id, name) VALUES ('00000000-0000-7000-8000-00000000beef', 'Empty')");
    await migrate(database.db, loadMigrations().slice(0, 17));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it("starts an organisation from its first venue's currency and time zone, else EUR and UTC", async () => {
    const [venue] = await q('SELECT currency, timezone FROM venues WHERE org_id = $1', [SEEDED.org]);
    expect(
      await q(
        'SELECT currency, timezone, vat_rates, receipt_header, version FROM organisations WHERE id = $1',
        [SEEDED.org],
      ),
    ).toEqual([{ ...venue, vat_rates: [], receipt_header: [], version: 1 }]);
    expect(await q("SELECT currency, timezone FROM organisations WHERE name = 'Empty'")).toEqual([
      { currency: 'EUR', timezone: 'UTC' },
    ]);
  });

  it('refuses a currency that is no ISO code and settings that are no list', async () => {
    await expect(q("UPDATE organisations SET currency = 'euro'")).rejects.toThrow();
    await expect(q(`UPDATE organisations SET vat_rates = '{"a": 1}'`)).rejects.toThrow();
  });
});
