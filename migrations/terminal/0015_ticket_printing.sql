-- docs/TICKETS.md "Printing tickets": a sale's admission tickets print as one job of their own kind,
-- before or after the receipt as each terminal is set. SQLite cannot change a CHECK in place, so the
-- queue table is rebuilt with every job it holds (queued ones print as before).
CREATE TABLE print_jobs_next (
  -- Printing order.
  seq INTEGER PRIMARY KEY NOT NULL,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('sale', 'refund', 'zreport', 'test', 'tickets')),
  ref_id TEXT NOT NULL,
  copy_no INTEGER NOT NULL CHECK (copy_no >= 1),
  copies INTEGER NOT NULL CHECK (copies >= copy_no),
  -- A reprint: printed with DUPLICATE on it.
  duplicate INTEGER NOT NULL CHECK (duplicate IN (0, 1)),
  -- The document as ReceiptLine markup, fixed when the job is made so a retry prints the same paper.
  document TEXT NOT NULL,
  -- Characters per line the document was laid out for (32 on 58 mm paper, 48 on 80 mm).
  cpl INTEGER NOT NULL CHECK (cpl IN (32, 48)),
  state TEXT NOT NULL CHECK (state IN ('queued', 'printing', 'retrying', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TEXT,
  last_reason TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  printed_at TEXT
) STRICT;
INSERT INTO print_jobs_next SELECT * FROM print_jobs;
DROP TABLE print_jobs;
ALTER TABLE print_jobs_next RENAME TO print_jobs;
CREATE UNIQUE INDEX print_jobs_original ON print_jobs (kind, ref_id, copy_no) WHERE duplicate = 0;
CREATE INDEX print_jobs_pending ON print_jobs (seq) WHERE state IN ('queued', 'printing', 'retrying');

-- What comes out of the printer after a sale: the receipt then the tickets, the tickets first, or only
-- the receipt (a window whose tickets are e-tickets or print elsewhere).
ALTER TABLE printer_settings ADD COLUMN ticket_order TEXT NOT NULL DEFAULT 'receipt_first'
  CHECK (ticket_order IN ('receipt_first', 'tickets_first', 'receipt_only'));
