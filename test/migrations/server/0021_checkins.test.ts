import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG, terminal: TERMINAL } = SEEDED;
const TICKET = '0b6f3c2e-6a51-4f7e-9d1a-3c5e7f9a1b2c';

describe.each(backends)('0021_checkins (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  const entry = (id: string, door: string, admitted: boolean) =>
    q(
      `INSERT INTO checkins (id, org_id, ticket_id, performance_id, door, terminal_id, admitted, entered_at)
       VALUES ($1, $2, $3, 'perf-1', $4, $5, $6, now())`,
      [id, ORG, TICKET, door, TERMINAL, admitted],
    );
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 20));
    await seedTerminal(database.db);
    await migrate(database.db, loadMigrations().slice(0, 21));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('admits a ticket once, keeps a second entry only as not admitted, and takes duplicate-entry review items', async () => {
    await entry('00000000-0000-7000-8000-0000000000a1', 'North', true);
    await expect(entry('00000000-0000-7000-8000-0000000000a2', 'South', true)).rejects.toThrow(
      /unique|duplicate/i,
    );
    await entry('00000000-0000-7000-8000-0000000000a3', 'South', false);
    expect(await q('SELECT door, admitted FROM checkins ORDER BY id')).toEqual([
      { door: 'North', admitted: true },
      { door: 'South', admitted: false },
    ]);
    await expect(entry('00000000-0000-7000-8000-0000000000a4', '', false)).rejects.toThrow(/check/i);
    await q(
      `INSERT INTO review_items (id, org_id, kind, terminal_id, summary) VALUES ($1, $2, 'duplicate_entry', $3, 'twice')`,
      ['00000000-0000-7000-8000-0000000000b1', ORG, TERMINAL],
    );
    expect(await q("SELECT count(*)::int AS n FROM review_items WHERE kind = 'duplicate_entry'")).toEqual([
      { n: 1 },
    ]);
  });
});
