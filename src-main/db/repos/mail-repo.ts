import { prepared, type Db } from '../connection';
import { fromRow } from '../rows';
import type { MailJobView, SmtpTlsMode } from '../../../shared/ipc/domains/mail';
import type { Language } from '../../../shared/ipc/types';

// The SMTP settings row and the durable mail queue (migrations/terminal/0018_mail_queue.sql,
// docs/MAIL.md). Every state change is one statement guarded by the state it expects, so a row is
// never sent by two attempts and never marked sent twice.

export interface MailSettingsRow {
  host: string;
  port: number;
  tls: SmtpTlsMode;
  username: string | null;
  fromAddress: string;
  language: Language;
}

/** The stored row: what the screens see, plus its place in the queue and its Message-ID. */
export interface MailJobRow extends MailJobView {
  seq: number;
  messageId: string;
}

export type NewMailJob = Pick<
  MailJobRow,
  'id' | 'kind' | 'saleId' | 'origin' | 'recipient' | 'language' | 'messageId' | 'createdAt'
>;

const PENDING = "state IN ('queued', 'sending', 'retrying')";

export function readMailSettings(db: Db): MailSettingsRow | undefined {
  const row = prepared(
    db,
    'SELECT host, port, tls, username, from_address, language FROM mail_settings WHERE id = 1',
  ).get();
  return row ? fromRow<MailSettingsRow>(row) : undefined;
}

export function writeMailSettings(db: Db, settings: MailSettingsRow, updatedAt: string): void {
  prepared(
    db,
    `INSERT INTO mail_settings (id, host, port, tls, username, from_address, language, updated_at)
     VALUES (1, @host, @port, @tls, @username, @fromAddress, @language, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET host = excluded.host, port = excluded.port, tls = excluded.tls,
       username = excluded.username, from_address = excluded.from_address, language = excluded.language,
       updated_at = excluded.updated_at`,
  ).run({ ...settings, updatedAt });
}

export function deleteMailSettings(db: Db): void {
  prepared(db, 'DELETE FROM mail_settings WHERE id = 1').run();
}

/**
 * Adds one mail. A sale's automatic (consent) mail of a kind is added once: a second insert returns the
 * row already there. Runs inside the caller's transaction when there is one.
 */
export function insertMailJob(db: Db, job: NewMailJob): MailJobRow {
  const inserted =
    prepared(
      db,
      `INSERT INTO mail_jobs (id, kind, sale_id, origin, recipient, language, message_id, state, attempts,
         next_attempt_at, created_at)
       VALUES (@id, @kind, @saleId, @origin, @recipient, @language, @messageId, 'queued', 0, @createdAt, @createdAt)
       ON CONFLICT (kind, sale_id) WHERE origin = 'consent' DO NOTHING`,
    ).run(job).changes === 1;
  const row = inserted
    ? prepared(db, 'SELECT * FROM mail_jobs WHERE id = ?').get(job.id)
    : prepared(db, "SELECT * FROM mail_jobs WHERE kind = ? AND sale_id = ? AND origin = 'consent'").get(
        job.kind,
        job.saleId,
      );
  return fromRow<MailJobRow>(row);
}

/** The oldest mail still to send. */
export function nextPendingMail(db: Db): MailJobRow | undefined {
  const row = prepared(db, `SELECT * FROM mail_jobs WHERE ${PENDING} ORDER BY seq LIMIT 1`).get();
  return row ? fromRow<MailJobRow>(row) : undefined;
}

/** Takes a mail for one attempt; false if another attempt holds it or it is finished. */
export function claimMailJob(db: Db, id: string): boolean {
  return (
    prepared(
      db,
      "UPDATE mail_jobs SET state = 'sending', attempts = attempts + 1 WHERE id = ? AND state IN ('queued', 'retrying')",
    ).run(id).changes === 1
  );
}

/** The SMTP server accepted the mail: one statement, right after its answer. */
export function markMailSent(db: Db, id: string, at: string): void {
  prepared(
    db,
    "UPDATE mail_jobs SET state = 'sent', sent_at = ?, next_attempt_at = NULL, last_error = NULL WHERE id = ? AND state = 'sending'",
  ).run(at, id);
}

export function markMailRetrying(
  db: Db,
  id: string,
  failure: { message: string; nextAttemptAt: string },
): void {
  prepared(
    db,
    "UPDATE mail_jobs SET state = 'retrying', last_error = ?, next_attempt_at = ? WHERE id = ? AND state = 'sending'",
  ).run(failure.message, failure.nextAttemptAt, id);
}

export function markMailFailed(db: Db, id: string, message: string): void {
  prepared(
    db,
    "UPDATE mail_jobs SET state = 'failed', last_error = ?, next_attempt_at = NULL WHERE id = ? AND state = 'sending'",
  ).run(message, id);
}

/**
 * After a crash a mail may still say 'sending': the server may or may not have taken it. It goes back in
 * the queue with its Message-ID unchanged (docs/MAIL.md "The one window").
 */
export function requeueInterruptedMail(db: Db): number {
  return prepared(db, "UPDATE mail_jobs SET state = 'retrying' WHERE state = 'sending'").run().changes;
}

export function countMail(db: Db): { waiting: number; failed: number } {
  return prepared(
    db,
    `SELECT count(*) FILTER (WHERE ${PENDING}) AS waiting, count(*) FILTER (WHERE state = 'failed') AS failed
     FROM mail_jobs`,
  ).get() as { waiting: number; failed: number };
}

export function listMailJobs(db: Db, recentFinished: number): MailJobRow[] {
  const pending = prepared(db, `SELECT * FROM mail_jobs WHERE ${PENDING} ORDER BY seq`).all();
  const finished = prepared(
    db,
    `SELECT * FROM mail_jobs WHERE NOT (${PENDING}) ORDER BY seq DESC LIMIT ?`,
  ).all(recentFinished);
  return [...pending, ...finished].map((r) => fromRow<MailJobRow>(r));
}

export function lastMailSentAt(db: Db): string | null {
  return (
    prepared(db, "SELECT max(sent_at) AS at FROM mail_jobs WHERE state = 'sent'").get() as {
      at: string | null;
    }
  ).at;
}
