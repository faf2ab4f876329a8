import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { findAppRoot } from '../../../src-main/app-info';
import { join } from 'node:path';
import { migratedTo } from '../helpers';

describe('0009_approval_signatures', () => {
  let m: ReturnType<typeof migratedTo>;
  beforeEach(() => {
    m = migratedTo(8);
    m.db.exec(`INSERT INTO roles VALUES ('supervisor', 'Supervisor', '["sell","overuse.grant"]', 0, 0);
      INSERT INTO staff (id, name, role_id, pin_hash) VALUES ('s', 'Sue', 'supervisor', 'h');
      INSERT INTO shifts (id, opened_by, opened_at, opening_float) VALUES ('sh1', 's', 'now', 0);
      INSERT INTO sales (id, receipt_no, shift_id, cashier_id, currency, gross, code_discount, custom_discount, total, status, created_at)
        VALUES ('sale1', 1, 'sh1', 's', 'EUR', 1000, 0, 0, 1000, 'completed', 'now');
      INSERT INTO approvals (id, sale_id, kind, approver_id, reason, limits, created_at)
        VALUES ('old', 'sale1', 'overuse', 's', 'before signing', '["MAX_USES"]', 'now');`);
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 9),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  it('keeps an earlier approval, unsigned, and stores a signature with a new one', () => {
    expect(m.db.prepare("SELECT reason, signature FROM approvals WHERE id = 'old'").get()).toEqual({
      reason: 'before signing',
      signature: null,
    });
    m.db
      .prepare(
        `INSERT INTO approvals (id, sale_id, kind, approver_id, reason, created_at, signature)
         VALUES ('new', 'sale1', 'overuse', 's', 'signed', 'now', ?)`,
      )
      .run('x'.repeat(86));
    expect(m.db.prepare("SELECT signature FROM approvals WHERE id = 'new'").get()).toEqual({
      signature: 'x'.repeat(86),
    });
  });
});
