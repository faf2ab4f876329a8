import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { backends, freshDatabase, SEEDED, seedTerminal, type TestDatabase } from '../../helpers/server-db';

const { org: ORG, terminal: TERMINAL } = SEEDED;
const ITEM = '00000000-0000-7000-8000-000000000004';
const KEY = 'A'.repeat(43);

describe.each(backends)('0008_approval_proof (%s)', (backend) => {
  let database: TestDatabase;
  const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
  beforeEach(async () => {
    database = await freshDatabase(backend, { migrated: false });
    await migrate(database.db, loadMigrations().slice(0, 7));
    await seedTerminal(database.db);
    // An item from before 0008: it survives the new kind check unchanged.
    await q(
      `INSERT INTO review_items (id, org_id, kind, terminal_id, summary) VALUES ($1, $2, 'customer_overuse', $3, 'kept')`,
      [ITEM, ORG, TERMINAL],
    );
    await migrate(database.db, loadMigrations().slice(0, 8));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('keeps earlier review items and admits approval_unproven, still nothing unknown', async () => {
    expect(await q('SELECT kind, summary FROM review_items WHERE id = $1', [ITEM])).toEqual([
      { kind: 'customer_overuse', summary: 'kept' },
    ]);
    const add = (id: string, kind: string) =>
      q(`INSERT INTO review_items (id, org_id, kind, summary) VALUES ($1, $2, $3, 's')`, [id, ORG, kind]);
    await add('00000000-0000-7000-8000-000000000005', 'approval_unproven');
    await expect(add('00000000-0000-7000-8000-000000000006', 'forged')).rejects.toThrow(/check/);
  });

  it('holds one public key per terminal epoch, only of a known terminal and in the registered form', async () => {
    const key = (terminal: string, epoch: number, publicKey: string) =>
      q('INSERT INTO terminal_signing_keys (terminal_id, epoch, public_key) VALUES ($1, $2, $3)', [
        terminal,
        epoch,
        publicKey,
      ]);
    await key(TERMINAL, 1, KEY);
    await key(TERMINAL, 2, 'B'.repeat(43));
    await expect(key(TERMINAL, 2, KEY)).rejects.toThrow(/duplicate key|unique/);
    await expect(key(TERMINAL, 3, 'not a key')).rejects.toThrow(/check/);
    await expect(key(TERMINAL, 0, KEY)).rejects.toThrow(/check/);
    await expect(key('00000000-0000-7000-8000-0000000000ff', 1, KEY)).rejects.toThrow(/foreign key/);
  });
});
