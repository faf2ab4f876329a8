import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratedTo, strictTables } from '../helpers';

describe('0018_mail_queue', () => {
  let m: ReturnType<typeof migratedTo>;
  const mail = (id: string, kind: string, origin: string, state = 'queued', saleId = 's1') =>
    m.db
      .prepare(
        `INSERT INTO mail_jobs (id, kind, sale_id, origin, recipient, language, message_id, state, created_at)
         VALUES (?, ?, ?, ?, 'a@example.com', 'en', ?, ?, '2026-01-01T00:00:00.000Z')`,
      )
      .run(id, kind, saleId, origin, `<${id}@example.com>`, state);
  beforeEach(() => {
    m = migratedTo(18);
  });
  afterEach(() => m.close());

  it('makes strict tables whose rows belong to a sale, once per kind for the automatic ones', () => {
    expect(strictTables(m.db, ['mail_jobs', 'mail_settings'])).toEqual({ mail_jobs: 1, mail_settings: 1 });
    m.db.pragma('foreign_keys = OFF');
    mail('m1', 'receipt', 'consent');
    mail('m2', 'tickets', 'consent');
    expect(() => mail('m3', 'receipt', 'consent')).toThrow(/UNIQUE constraint failed/);
    // Requests may repeat: the customer asks again.
    mail('m4', 'receipt', 'request');
    mail('m5', 'receipt', 'request');
    expect(() => mail('m6', 'sms', 'request')).toThrow(/CHECK constraint failed/);
    expect(() => mail('m7', 'receipt', 'request', 'delivered')).toThrow(/CHECK constraint failed/);
    // A sent row says when.
    expect(() => mail('m8', 'receipt', 'request', 'sent')).toThrow(/CHECK constraint failed/);
    m.db.pragma('foreign_keys = ON');
    expect(() => mail('m9', 'receipt', 'request', 'queued', 'no-such-sale')).toThrow(
      /FOREIGN KEY constraint failed/,
    );
  });

  it('holds one settings row without a password column', () => {
    const insert = (id: number, tls = 'starttls') =>
      m.db
        .prepare(
          `INSERT INTO mail_settings (id, host, port, tls, username, from_address, language, updated_at)
           VALUES (?, 'smtp.example.com', 587, ?, 'till', 'box@example.com', 'de', '2026-01-01T00:00:00.000Z')`,
        )
        .run(id, tls);
    insert(1);
    expect(() => insert(2)).toThrow(/CHECK constraint failed/);
    expect(() => m.db.prepare(`UPDATE mail_settings SET tls = 'ssl3'`).run()).toThrow(
      /CHECK constraint failed/,
    );
    const columns = (
      m.db.prepare('SELECT name FROM pragma_table_info(?)').all('mail_settings') as { name: string }[]
    ).map((c) => c.name);
    expect(columns.some((c) => /pass/i.test(c))).toBe(false);
  });
});
