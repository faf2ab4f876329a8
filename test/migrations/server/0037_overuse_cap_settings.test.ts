import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { terminal: TERMINAL, org: ORG } = SEEDED;
const STAFF = '00000000-0000-7000-8000-000000000009';
const upTo = (version: number) => loadMigrations().filter((m) => m.version <= version);

describe.each(backends)('0037_overuse_cap_settings (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, upTo(36));
    await seedTerminal(database.db);
    await q("INSERT INTO staff (id, org_id, name, role_id) VALUES ($1, $2, 'Sue', 'supervisor')", [
      STAFF,
      ORG,
    ]);
    await migrate(database.db, upTo(37));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('gives a terminal enrolled before it the cap it had in code, and new ones too', async () => {
    expect(await q('SELECT overuse_cap FROM terminals WHERE id = $1', [TERMINAL])).toEqual([
      { overuse_cap: 20 },
    ]);
    const other = '00000000-0000-7000-8000-000000000004';
    await q(
      "INSERT INTO terminals (id, org_id, venue_id, name, token_hash) VALUES ($1, $2, $3, 'Till 2', 'h2')",
      [other, ORG, SEEDED.venue],
    );
    expect(await q('SELECT overuse_cap FROM terminals WHERE id = $1', [other])).toEqual([
      { overuse_cap: 20 },
    ]);
    const set = (cap: number | null) =>
      q('UPDATE terminals SET overuse_cap = $2 WHERE id = $1', [TERMINAL, cap]);
    await expect(set(null)).resolves.toBeDefined();
    await expect(set(0)).resolves.toBeDefined();
    await expect(set(10_000)).resolves.toBeDefined();
    await expect(set(-1)).rejects.toThrow(/check/i);
    await expect(set(10_001)).rejects.toThrow(/check/i);
  });

  it('leaves staff on their role’s cap, and takes an own cap of 0 to 10000', async () => {
    expect(await q('SELECT overuse_cap FROM staff WHERE id = $1', [STAFF])).toEqual([{ overuse_cap: null }]);
    const set = (cap: number | null) => q('UPDATE staff SET overuse_cap = $2 WHERE id = $1', [STAFF, cap]);
    await expect(set(3)).resolves.toBeDefined();
    await expect(set(-1)).rejects.toThrow(/check/i);
    await expect(set(10_001)).rejects.toThrow(/check/i);
  });
});
