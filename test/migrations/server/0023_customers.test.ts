import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG } = SEEDED;
const ADA = '00000000-0000-7000-8000-0000000000c1';

describe.each(backends)('0023_customers (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  const insert = (id: string, email: string | null, extra = '') =>
    q(
      `INSERT INTO customers (id, org_id, name, email${extra ? ', email_consent, email_consent_at' : ''})
       VALUES ($1, $2, 'Ada', $3${extra})`,
      [id, ORG, email],
    );

  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 22));
    await seedTerminal(database.db);
    await migrate(database.db, loadMigrations().slice(0, 23));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('keeps the phone digits, one address per organisation in any case, and consent only with its time', async () => {
    await q(
      `INSERT INTO customers (id, org_id, name, email, phone) VALUES ($1, $2, 'Ada', 'Ada@Example.org', '+49 (30) 12-34')`,
      [ADA, ORG],
    );
    expect(await q('SELECT phone_digits, groups, notes, version, email_consent FROM customers')).toEqual([
      { phone_digits: '49301234', groups: [], notes: '', version: 1, email_consent: false },
    ]);
    await expect(insert('00000000-0000-7000-8000-0000000000c2', 'ada@EXAMPLE.org')).rejects.toThrow(
      /customers_email/,
    );
    await expect(
      insert('00000000-0000-7000-8000-0000000000c3', 'b@example.org', ', true, NULL'),
    ).rejects.toThrow(/check/i);
    await expect(insert('00000000-0000-7000-8000-0000000000c4', null, ', true, now()')).rejects.toThrow(
      /check/i,
    );
    await insert('00000000-0000-7000-8000-0000000000c5', 'c@example.org', ', true, now()');
  });

  it('answers a part of a name from the trigram index', async () => {
    await q(
      `INSERT INTO customers (id, org_id, name)
             SELECT gen_random_uuid(), $1, md5(n::text) FROM generate_series(1, 5000) n`,
      [ORG],
    );
    await q('ANALYZE customers');
    await q('SET enable_seqscan = off');
    const part = createHash('md5').update('17').digest('hex').slice(4, 12);
    const plan = (await q(`EXPLAIN SELECT id FROM customers WHERE name ILIKE '%${part}%'`)) as {
      'QUERY PLAN': string;
    }[];
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/customers_name_trgm/);
  });
});
