-- docs/MAIL.md: a sale's gift vouchers (docs/CASH.md "Gift vouchers") are e-mailed like its tickets, as
-- a mail of kind 'vouchers'. The kind list is a CHECK: SQLite changes it only by rebuilding the table
-- (as 0034 did). Nothing references mail_jobs, so the rows are copied across under the same ids and seq.
CREATE TABLE mail_jobs_new (
  -- Sending order.
  seq INTEGER PRIMARY KEY NOT NULL,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('receipt', 'tickets', 'vouchers')),
  sale_id TEXT NOT NULL REFERENCES sales (id),
  -- 'consent': queued with the sale because the customer agreed; 'request': asked for at the window.
  origin TEXT NOT NULL CHECK (origin IN ('consent', 'request')),
  recipient TEXT NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('en', 'de')),
  -- Fixed when the row is made: a resend after a crash carries the same Message-ID, so the receiving
  -- side can tell it is the same mail.
  message_id TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'retrying', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  CHECK (state <> 'sent' OR sent_at IS NOT NULL)
) STRICT;
INSERT INTO mail_jobs_new (seq, id, kind, sale_id, origin, recipient, language, message_id, state, attempts,
    next_attempt_at, last_error, created_at, sent_at)
  SELECT seq, id, kind, sale_id, origin, recipient, language, message_id, state, attempts, next_attempt_at,
    last_error, created_at, sent_at FROM mail_jobs;
DROP TABLE mail_jobs;
ALTER TABLE mail_jobs_new RENAME TO mail_jobs;
-- A sale's automatic mails go once each, however often the sale is completed or replayed.
CREATE UNIQUE INDEX mail_jobs_consent ON mail_jobs (kind, sale_id) WHERE origin = 'consent';
CREATE INDEX mail_jobs_pending ON mail_jobs (seq) WHERE state IN ('queued', 'sending', 'retrying');
CREATE INDEX mail_jobs_sale ON mail_jobs (sale_id);
