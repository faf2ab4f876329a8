-- Sales and everything written with them. A sale, refund, void or shift event is one transaction that
-- also appends one outbox row; the outbox is a hash chain (SYNC.md).

CREATE TABLE shifts (
  id TEXT PRIMARY KEY NOT NULL,
  opened_by TEXT NOT NULL REFERENCES staff (id),
  opened_at TEXT NOT NULL,
  opening_float INTEGER NOT NULL CHECK (opening_float >= 0),
  closed_by TEXT REFERENCES staff (id),
  closed_at TEXT,
  counted_cash INTEGER CHECK (counted_cash >= 0),
  expected_cash INTEGER
) STRICT;
-- A terminal has at most one open shift.
CREATE UNIQUE INDEX shifts_one_open ON shifts ((1)) WHERE closed_at IS NULL;

CREATE TABLE sales (
  id TEXT PRIMARY KEY NOT NULL,
  receipt_no INTEGER NOT NULL UNIQUE CHECK (receipt_no >= 1),
  shift_id TEXT NOT NULL REFERENCES shifts (id),
  cashier_id TEXT NOT NULL REFERENCES staff (id),
  currency TEXT NOT NULL,
  customer_id TEXT,
  customer TEXT,
  gross INTEGER NOT NULL CHECK (gross >= 0),
  code_discount INTEGER NOT NULL CHECK (code_discount >= 0),
  custom_discount INTEGER NOT NULL CHECK (custom_discount >= 0),
  total INTEGER NOT NULL CHECK (total >= 0),
  code_id TEXT REFERENCES codes (id),
  code_version INTEGER,
  code_text TEXT,
  code_auto INTEGER NOT NULL DEFAULT 0 CHECK (code_auto IN (0, 1)),
  custom_kind TEXT CHECK (custom_kind IN ('percentage', 'fixed')),
  custom_value INTEGER,
  custom_reason TEXT,
  status TEXT NOT NULL CHECK (status IN ('completed', 'voided')),
  created_at TEXT NOT NULL,
  CHECK (total = gross - code_discount - custom_discount)
) STRICT;
CREATE INDEX sales_shift ON sales (shift_id);

CREATE TABLE sale_lines (
  id TEXT PRIMARY KEY NOT NULL,
  sale_id TEXT NOT NULL REFERENCES sales (id),
  line_no INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('ticket', 'addon', 'merch', 'fee')),
  item_id TEXT NOT NULL,
  name TEXT NOT NULL,
  event_id TEXT,
  performance_id TEXT,
  price_band_id TEXT,
  ticket_type_id TEXT,
  inventory_item_id TEXT,
  category TEXT,
  qty INTEGER NOT NULL CHECK (qty >= 1),
  unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
  vat_rate INTEGER NOT NULL CHECK (vat_rate >= 0),
  gross INTEGER NOT NULL,
  code_discount INTEGER NOT NULL CHECK (code_discount >= 0),
  custom_discount INTEGER NOT NULL CHECK (custom_discount >= 0),
  total INTEGER NOT NULL CHECK (total >= 0),
  UNIQUE (sale_id, line_no)
) STRICT;

CREATE TABLE refunds (
  id TEXT PRIMARY KEY NOT NULL,
  refund_no INTEGER NOT NULL UNIQUE CHECK (refund_no >= 1),
  sale_id TEXT NOT NULL REFERENCES sales (id),
  kind TEXT NOT NULL CHECK (kind IN ('refund', 'void')),
  shift_id TEXT NOT NULL REFERENCES shifts (id),
  staff_id TEXT NOT NULL REFERENCES staff (id),
  reason TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount >= 0),
  created_at TEXT NOT NULL
) STRICT;

-- One row per unit, so a refund of one seat returns exactly what that seat was charged.
CREATE TABLE sale_units (
  line_id TEXT NOT NULL REFERENCES sale_lines (id),
  unit_index INTEGER NOT NULL CHECK (unit_index >= 0),
  unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
  code_discount INTEGER NOT NULL CHECK (code_discount >= 0),
  custom_discount INTEGER NOT NULL CHECK (custom_discount >= 0),
  total INTEGER NOT NULL CHECK (total >= 0),
  refund_id TEXT REFERENCES refunds (id),
  PRIMARY KEY (line_id, unit_index)
) STRICT;

CREATE TABLE payments (
  id TEXT PRIMARY KEY NOT NULL,
  sale_id TEXT NOT NULL REFERENCES sales (id),
  refund_id TEXT REFERENCES refunds (id),
  shift_id TEXT NOT NULL REFERENCES shifts (id),
  tender TEXT NOT NULL CHECK (tender IN ('cash', 'card', 'complimentary')),
  -- Positive for money taken, negative for money paid back.
  amount INTEGER NOT NULL,
  tendered INTEGER,
  change_given INTEGER CHECK (change_given >= 0),
  reference TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX payments_sale ON payments (sale_id);
CREATE INDEX payments_shift ON payments (shift_id);

CREATE TABLE redemptions (
  id TEXT PRIMARY KEY NOT NULL,
  sale_id TEXT NOT NULL UNIQUE REFERENCES sales (id),
  code_id TEXT NOT NULL REFERENCES codes (id),
  code_version INTEGER NOT NULL,
  customer_id TEXT,
  item_uses INTEGER NOT NULL CHECK (item_uses >= 0),
  discount INTEGER NOT NULL CHECK (discount >= 0),
  overuse INTEGER NOT NULL DEFAULT 0 CHECK (overuse IN (0, 1)),
  -- A void of the whole order gives the use back.
  released_at TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX redemptions_code ON redemptions (code_id, customer_id);

-- Events and performances a redemption touched, for per-customer per-event/performance limits.
CREATE TABLE redemption_scopes (
  redemption_id TEXT NOT NULL REFERENCES redemptions (id),
  event_id TEXT NOT NULL,
  performance_id TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (redemption_id, event_id, performance_id)
) STRICT;

-- Supervisor decisions recorded with the sale: who, why, and for overuse which limits.
CREATE TABLE approvals (
  id TEXT PRIMARY KEY NOT NULL,
  sale_id TEXT NOT NULL REFERENCES sales (id),
  kind TEXT NOT NULL CHECK (kind IN ('overuse', 'custom_discount')),
  approver_id TEXT NOT NULL REFERENCES staff (id),
  reason TEXT NOT NULL,
  -- JSON array of the engine's reason codes that were bypassed (overuse only)
  limits TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL
) STRICT;

-- Tickets sold per performance, kept in the sale transaction so capacity checks need no scan.
CREATE TABLE performance_sold (
  performance_id TEXT PRIMARY KEY NOT NULL REFERENCES performances (id),
  sold INTEGER NOT NULL CHECK (sold >= 0)
) STRICT;

CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
  mutation_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  acked_at TEXT
) STRICT;
