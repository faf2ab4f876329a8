import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { migratedTo, strictTables } from '../helpers';

describe('0012_receipt_header', () => {
  let m: ReturnType<typeof migratedTo>;
  beforeEach(() => {
    m = migratedTo(11);
    m.db.prepare(`INSERT INTO venues VALUES ('v1', 'Globe', 'GBP', 'Europe/London')`).run();
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 12),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  it('gives a venue already held an empty header until the server sends one', () => {
    expect(m.db.prepare('SELECT * FROM venues').get()).toMatchObject({ id: 'v1', receipt_header: '[]' });
    expect(strictTables(m.db, ['venues'])).toEqual({ venues: 1 });
  });

  it('holds only a JSON array', () => {
    m.db.prepare(`UPDATE venues SET receipt_header = '["Globe Ltd"]'`).run();
    expect(() => m.db.prepare(`UPDATE venues SET receipt_header = '"Globe Ltd"'`).run()).toThrow(
      /CHECK constraint failed/,
    );
  });
});
