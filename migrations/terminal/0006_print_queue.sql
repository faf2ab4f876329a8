-- Printing: this terminal's printer settings and the durable print queue. A job is one copy of one
-- document, written after the sale (or refund, or shift close) committed, so printing never blocks or
-- rolls back money. The queue survives restarts; a worker drains it oldest first.

CREATE TABLE printer_settings (
  -- One row: the settings belong to this terminal.
  id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
  output TEXT NOT NULL CHECK (output IN ('none', 'network', 'system', 'pdf')),
  host TEXT,
  port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
  paper_width INTEGER NOT NULL CHECK (paper_width IN (58, 80)),
  language TEXT NOT NULL CHECK (language IN ('en', 'de')),
  copies INTEGER NOT NULL CHECK (copies BETWEEN 1 AND 3),
  system_printer TEXT,
  updated_at TEXT NOT NULL,
  CHECK (output <> 'network' OR host IS NOT NULL)
) STRICT;

CREATE TABLE print_jobs (
  -- Printing order.
  seq INTEGER PRIMARY KEY NOT NULL,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('sale', 'refund', 'zreport', 'test')),
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
-- The original of a document prints once per copy; only an explicit reprint (duplicate = 1) adds more.
CREATE UNIQUE INDEX print_jobs_original ON print_jobs (kind, ref_id, copy_no) WHERE duplicate = 0;
CREATE INDEX print_jobs_pending ON print_jobs (seq) WHERE state IN ('queued', 'printing', 'retrying');
