import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, type TestDatabase } from '../../helpers/server-db';

const ORG = '00000000-0000-7000-8000-000000000001';
const PARENT = '00000000-0000-7000-8000-000000000002';

describe.each(backends)('0003_codes (%s)', (backend) => {
  let database: TestDatabase;
  const insertCode = (id: string, code: string) =>
    database.db.query(
      `INSERT INTO codes (id, org_id, code, status, name, description, benefit, rules, offline_policy)
       VALUES ($1, $2, $3, 'active', 'n', '', '{"type":"percentage","percent":100}', '{}', 'deny')`,
      [id, ORG, code],
    );
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 3));
    await database.db.query("INSERT INTO organisations (id, name) VALUES ($1, 'Org')", [ORG]);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('keeps code strings unique per organisation and upper-case', async () => {
    await insertCode(PARENT, 'SUMMER');
    await expect(insertCode('00000000-0000-7000-8000-000000000003', 'SUMMER')).rejects.toThrow(
      /codes_org_code/,
    );
    await expect(insertCode('00000000-0000-7000-8000-000000000004', 'summer')).rejects.toThrow(
      /codes_code_check/,
    );
  });

  it('stores a child with no terms of its own, and a standalone code only with terms', async () => {
    await insertCode(PARENT, 'PARENT');
    await database.db.query(
      "INSERT INTO codes (id, org_id, code, parent_id, status) VALUES (gen_random_uuid(), $1, 'CHILD1', $2, 'active')",
      [ORG, PARENT],
    );
    await expect(
      database.db.query(
        "INSERT INTO codes (id, org_id, code, status) VALUES (gen_random_uuid(), $1, 'BARE', 'active')",
        [ORG],
      ),
    ).rejects.toThrow(/check/);
  });

  it('never lets a counter go negative', async () => {
    await insertCode(PARENT, 'COUNT');
    await expect(database.db.query('UPDATE codes SET uses = -1 WHERE id = $1', [PARENT])).rejects.toThrow(
      /uses/,
    );
  });

  it('caps a generation job at 100,000 codes', async () => {
    await insertCode(PARENT, 'P');
    await expect(
      database.db.query(
        "INSERT INTO generation_jobs (id, org_id, parent_id, requested, length, status) VALUES (gen_random_uuid(), $1, $2, 100001, 10, 'queued')",
        [ORG, PARENT],
      ),
    ).rejects.toThrow(/requested/);
  });
});
