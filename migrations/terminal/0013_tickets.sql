-- docs/TICKETS.md: one admission ticket per unit of a ticket line with a performance, written in the
-- sale's transaction. A refund or void of the unit voids it; a reprint with a new barcode marks it
-- reissued and adds a ticket that `replaces` it, so a unit has at most one valid ticket at a time.
-- performance_id has no foreign key: like sale_lines, a ticket outlives its performance leaving the
-- pulled catalogue.
CREATE TABLE tickets (
  id TEXT PRIMARY KEY NOT NULL,
  sale_id TEXT NOT NULL REFERENCES sales (id),
  line_id TEXT NOT NULL REFERENCES sale_lines (id),
  unit_index INTEGER NOT NULL CHECK (unit_index >= 0),
  performance_id TEXT NOT NULL,
  ticket_type_id TEXT NOT NULL,
  price_band_id TEXT,
  price_paid INTEGER NOT NULL CHECK (price_paid >= 0),
  status TEXT NOT NULL CHECK (status IN ('valid', 'void', 'reissued')),
  -- The signed barcode text and its key's id; both NULL when the terminal had no signing key (not enrolled).
  secret TEXT,
  key_id TEXT,
  issued_at TEXT NOT NULL,
  replaces TEXT REFERENCES tickets (id),
  FOREIGN KEY (line_id, unit_index) REFERENCES sale_units (line_id, unit_index),
  CHECK ((secret IS NULL) = (key_id IS NULL))
) STRICT;
CREATE INDEX tickets_sale ON tickets (sale_id);
CREATE UNIQUE INDEX tickets_one_valid_per_unit ON tickets (line_id, unit_index) WHERE status = 'valid';
