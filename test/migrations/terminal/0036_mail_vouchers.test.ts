import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-info';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { migratedTo, strictTables } from '../helpers';

const AT = '2026-12-07T10:00:00.000Z';

describe('0036_mail_vouchers', () => {
  let m: ReturnType<typeof migratedTo>;
  const mail = (id: string, kind: string, origin: string, saleId = 'sale1') =>
    m.db
      .prepare(
        `INSERT INTO mail_jobs (id, kind, sale_id, origin, recipient, language, message_id, state, created_at)
         VALUES (?, ?, ?, ?, 'a@example.com', 'en', ?, 'queued', '${AT}')`,
      )
      .run(id, kind, saleId, origin, `<${id}@example.com>`);

  beforeEach(() => {
    m = migratedTo(35);
    m.db.exec(`
      INSERT INTO roles (id, name, permissions, custom_ceiling_percent, custom_ceiling_amount)
        VALUES ('seller', 'Seller', '["sell"]', 0, 0);
      INSERT INTO staff (id, name, role_id, pin_hash, active) VALUES ('s', 'Sam', 'seller', 'h', 1);
      INSERT INTO shifts (id, opened_by, opened_at, opening_float) VALUES ('sh1', 's', '${AT}', 0);
      INSERT INTO sales (id, receipt_no, shift_id, cashier_id, currency, gross, code_discount, custom_discount,
          total, status, created_at)
        VALUES ('sale1', 1, 'sh1', 's', 'EUR', 2000, 0, 0, 2000, 'completed', '${AT}');
      INSERT INTO mail_jobs (seq, id, kind, sale_id, origin, recipient, language, message_id, state, attempts,
          next_attempt_at, last_error, created_at, sent_at)
        VALUES (7, 'm1', 'receipt', 'sale1', 'consent', 'ada@example.com', 'de', '<m1@theatre.example>', 'sent',
                1, NULL, NULL, '${AT}', '${AT}'),
               (9, 'm2', 'tickets', 'sale1', 'request', 'bob@example.com', 'en', '<m2@theatre.example>',
                'retrying', 3, '${AT}', 'The mail server asked to try later (451).', '${AT}', NULL);`);
    migrate(
      m.db,
      loadMigrations(join(findAppRoot(), 'migrations', 'terminal')).slice(0, 36),
      () => '2026-01-01T00:00:00.000Z',
    );
  });
  afterEach(() => m.close());

  it('keeps every mail row as it was, in sending order, in a strict table with its indexes', () => {
    expect(m.db.prepare('SELECT * FROM mail_jobs ORDER BY seq').all()).toEqual([
      {
        seq: 7,
        id: 'm1',
        kind: 'receipt',
        sale_id: 'sale1',
        origin: 'consent',
        recipient: 'ada@example.com',
        language: 'de',
        message_id: '<m1@theatre.example>',
        state: 'sent',
        attempts: 1,
        next_attempt_at: null,
        last_error: null,
        created_at: AT,
        sent_at: AT,
      },
      {
        seq: 9,
        id: 'm2',
        kind: 'tickets',
        sale_id: 'sale1',
        origin: 'request',
        recipient: 'bob@example.com',
        language: 'en',
        message_id: '<m2@theatre.example>',
        state: 'retrying',
        attempts: 3,
        next_attempt_at: AT,
        last_error: 'The mail server asked to try later (451).',
        created_at: AT,
        sent_at: null,
      },
    ]);
    expect(strictTables(m.db, ['mail_jobs'])).toEqual({ mail_jobs: 1 });
    const indexes = m.db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'mail_jobs' AND sql IS NOT NULL ORDER BY name",
      )
      .all();
    expect(indexes).toEqual([
      { name: 'mail_jobs_consent' },
      { name: 'mail_jobs_pending' },
      { name: 'mail_jobs_sale' },
    ]);
    expect(m.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('takes mails of kind vouchers, once per sale by consent, and still refuses an unknown kind or sale', () => {
    mail('m3', 'vouchers', 'consent');
    expect(() => mail('m4', 'vouchers', 'consent')).toThrow(/UNIQUE constraint failed/);
    mail('m5', 'vouchers', 'request');
    mail('m6', 'vouchers', 'request');
    expect(() => mail('m7', 'sms', 'request')).toThrow(/CHECK constraint failed/);
    expect(() => mail('m8', 'vouchers', 'request', 'no-such-sale')).toThrow(/FOREIGN KEY constraint failed/);
    // New rows come after the copied ones.
    expect(m.db.prepare("SELECT seq FROM mail_jobs WHERE id = 'm3'").get()).toEqual({ seq: 10 });
  });
});
