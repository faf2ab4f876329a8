-- E-mail (docs/MAIL.md): this terminal's SMTP settings and the durable mail queue. A mail row is written
-- in the same transaction as what caused it (the sale, for a customer who agreed to e-mail) or on the
-- customer's request; a worker sends it later, retrying with backoff, and marks it sent in one statement
-- right after the SMTP server accepted it.

CREATE TABLE mail_settings (
  -- One row: the settings belong to this terminal. The SMTP password is not here: it is in the
  -- terminal's secret store (src-main/secret-store.ts), so a copy of the store carries no credential.
  id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
  host TEXT NOT NULL,
  port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
  -- 'tls': TLS from the first byte (usually 465); 'starttls': must upgrade (587); 'none': plain, for a
  -- relay on the venue's own network only.
  tls TEXT NOT NULL CHECK (tls IN ('tls', 'starttls', 'none')),
  username TEXT,
  from_address TEXT NOT NULL,
  -- Language of the mails sent automatically after a sale; a request may ask for the other one.
  language TEXT NOT NULL CHECK (language IN ('en', 'de')),
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE mail_jobs (
  -- Sending order.
  seq INTEGER PRIMARY KEY NOT NULL,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('receipt', 'tickets')),
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
-- A sale's automatic mails go once each, however often the sale is completed or replayed.
CREATE UNIQUE INDEX mail_jobs_consent ON mail_jobs (kind, sale_id) WHERE origin = 'consent';
CREATE INDEX mail_jobs_pending ON mail_jobs (seq) WHERE state IN ('queued', 'sending', 'retrying');
CREATE INDEX mail_jobs_sale ON mail_jobs (sale_id);
