import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, seedTerminal, SEEDED, type TestDatabase } from '../../helpers/server-db';

const { org: ORG } = SEEDED;

describe.each(backends)('0024_journal (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  const sale = (n: number, customer: string | null) =>
    q(
      `INSERT INTO pos_sales (id, org_id, terminal_id, mutation_id, shift_id, cashier_id, receipt_no, currency,
         gross, code_discount, custom_discount, total, payload, status, created_at)
       VALUES ($1, $2, $3, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), $4, 'EUR', 0, 0, 0, 0,
         $5::jsonb, 'completed', now())`,
      [
        `00000000-0000-7000-8000-00000000000${n}`,
        ORG,
        SEEDED.terminal,
        n,
        JSON.stringify({ sale: { customer } }),
      ],
    );
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 23));
    await seedTerminal(database.db);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('backfills the customer search keys from stored sales, skipping a customer in another shape', async () => {
    await sale(
      1,
      JSON.stringify({ id: 'c', name: ' Ada Lovelace ', email: 'Ada@X.test', phone: '+49 (30) 12' }),
    );
    await sale(2, 'not json');
    await sale(3, null);
    await sale(4, JSON.stringify(['a list']));
    await migrate(database.db, loadMigrations().slice(0, 24));
    expect(
      await q(
        'SELECT receipt_no, customer_name, customer_email, customer_phone FROM pos_sales ORDER BY receipt_no',
      ),
    ).toEqual([
      {
        receipt_no: 1,
        customer_name: 'ada lovelace',
        customer_email: 'ada@x.test',
        customer_phone: '493012',
      },
      { receipt_no: 2, customer_name: null, customer_email: null, customer_phone: null },
      { receipt_no: 3, customer_name: null, customer_email: null, customer_phone: null },
      { receipt_no: 4, customer_name: null, customer_email: null, customer_phone: null },
    ]);
  });
});
