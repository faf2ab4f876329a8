-- docs/TICKETS.md: admission tickets as the terminals issued them, one per unit of a ticket line, pushed
-- with their sale. The server keeps each ticket's status: applying the refund or void of its unit voids
-- it. Catalogue ids stay as pushed (text, no foreign key): the sale's lines were checked when it was
-- applied, and a deferred row must never fail where no mutation can be quarantined for it.
CREATE TABLE tickets (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  sale_id UUID NOT NULL REFERENCES pos_sales (id),
  terminal_id UUID NOT NULL REFERENCES terminals (id),
  line_id TEXT NOT NULL,
  unit_index INTEGER NOT NULL CHECK (unit_index >= 0),
  performance_id TEXT NOT NULL,
  ticket_type_id TEXT NOT NULL,
  price_band_id TEXT,
  price_paid BIGINT NOT NULL CHECK (price_paid >= 0),
  status TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'void', 'reissued')),
  -- The signed barcode text and its key's id; both null when the terminal had no signing key yet.
  secret TEXT CHECK (length(secret) <= 200),
  key_id TEXT CHECK (key_id ~ '^[0-9a-f]{16}$'),
  issued_at TIMESTAMPTZ NOT NULL,
  -- The ticket this one replaced at a reprint with a new barcode; null for a first issue.
  replaces UUID,
  status_changed_at TIMESTAMPTZ,
  -- DECISIONS.md "Pull": a ticket takes a change position when it stops being valid, and pull sends the
  -- void and reissued ones to every terminal as revocations. A valid ticket has nothing to publish.
  change_pos BIGINT,
  recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK ((secret IS NULL) = (key_id IS NULL)),
  CHECK (status = 'valid' OR (change_pos IS NOT NULL AND status_changed_at IS NOT NULL))
);
-- One first issue per sold unit; reissues of it carry `replaces`.
CREATE UNIQUE INDEX tickets_unit ON tickets (sale_id, line_id, unit_index) WHERE replaces IS NULL;
-- Pull pages revocations by (change_pos, id).
CREATE INDEX tickets_pull ON tickets (org_id, change_pos, id) WHERE change_pos IS NOT NULL;
