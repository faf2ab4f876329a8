import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { migratedTo } from '../helpers';

describe('0019_journal', () => {
  let m: ReturnType<typeof migratedTo>;
  const sale = (n: number, customer: string | null) =>
    m.db
      .prepare(
        `INSERT INTO sales (id, receipt_no, shift_id, cashier_id, currency, customer, gross, code_discount,
           custom_discount, total, status, created_at)
         VALUES (?, ?, 'sh', 'st', 'EUR', ?, 0, 0, 0, 0, 'completed', '2026-01-01T00:00:00.000Z')`,
      )
      .run(`s${n}`, n, customer);
  beforeEach(() => {
    m = migratedTo(18);
    // The sales' shift and cashier are beside the point here.
    m.db.pragma('foreign_keys = OFF');
    sale(
      1,
      JSON.stringify({ id: 'c', name: ' Ada  Lovelace ', email: 'Ada@X.test', phone: '+49 (30) 12-3' }),
    );
    sale(2, 'not json');
    sale(3, null);
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 19),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  it('reads the search keys of sales made before it, and of a customer in another shape none', () => {
    sale(4, JSON.stringify({ id: 'd', name: 'Grace' }));
    expect(
      m.db
        .prepare(
          'SELECT id, customer_name, customer_last_name, customer_email, customer_phone FROM sales ORDER BY id',
        )
        .all(),
    ).toEqual([
      {
        id: 's1',
        customer_name: 'ada  lovelace',
        customer_last_name: 'lovelace',
        customer_email: 'ada@x.test',
        customer_phone: '4930123',
      },
      { id: 's2', customer_name: null, customer_last_name: null, customer_email: null, customer_phone: null },
      { id: 's3', customer_name: null, customer_last_name: null, customer_email: null, customer_phone: null },
      {
        id: 's4',
        customer_name: 'grace',
        customer_last_name: 'grace',
        customer_email: null,
        customer_phone: null,
      },
    ]);
    const plan = m.db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT id FROM sales WHERE customer_last_name >= 'love' AND customer_last_name < 'lovf'",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/sales_customer_last_name/);
  });
});
