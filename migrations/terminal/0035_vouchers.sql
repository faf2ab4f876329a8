-- docs/CASH.md "Gift vouchers". A product and a sale line of kind 'voucher', the tender 'voucher' with
-- the voucher it spent, the vouchers this terminal's sales issued, and the vouchers the server knows as
-- the last pull said (so an offline window tells an unknown voucher from one it cannot spend).
--
-- The kind and tender lists are CHECKs: SQLite changes them only by rebuilding the table. sale_lines
-- has children (sale_units, tickets) whose foreign keys name it: the rows wait in a copy while the
-- table is made again under its own name, with the foreign keys deferred to the commit, so the children
-- find their lines again and nothing is checked half-way.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE sale_lines_copy AS SELECT * FROM sale_lines;
DROP TABLE sale_lines;
CREATE TABLE sale_lines (
  id TEXT PRIMARY KEY NOT NULL,
  sale_id TEXT NOT NULL REFERENCES sales (id),
  line_no INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('ticket', 'addon', 'merch', 'fee', 'voucher')),
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
  -- 0031: comps.
  comp INTEGER NOT NULL DEFAULT 0 CHECK (comp >= 0),
  comp_reason TEXT,
  comp_note TEXT,
  UNIQUE (sale_id, line_no)
) STRICT;
INSERT INTO sale_lines (id, sale_id, line_no, kind, item_id, name, event_id, performance_id, price_band_id,
    ticket_type_id, inventory_item_id, category, qty, unit_price, vat_rate, gross, code_discount,
    custom_discount, total, comp, comp_reason, comp_note)
  SELECT id, sale_id, line_no, kind, item_id, name, event_id, performance_id, price_band_id,
    ticket_type_id, inventory_item_id, category, qty, unit_price, vat_rate, gross, code_discount,
    custom_discount, total, comp, comp_reason, comp_note FROM sale_lines_copy;
DROP TABLE sale_lines_copy;
CREATE INDEX sale_lines_performance ON sale_lines (performance_id, sale_id) WHERE performance_id IS NOT NULL;

-- A voucher product's validity in days; NULL: DEFAULT_VOUCHER_DAYS (shared/vouchers/rules.ts).
CREATE TABLE products_new (
  id TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('addon', 'merch', 'fee', 'voucher')),
  name TEXT NOT NULL,
  unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
  vat_rate INTEGER NOT NULL CHECK (vat_rate >= 0),
  category TEXT,
  inventory_item_id TEXT,
  event_id TEXT REFERENCES events (id),
  voucher_days INTEGER CHECK (voucher_days IS NULL OR voucher_days BETWEEN 1 AND 3650)
) STRICT;
INSERT INTO products_new (id, kind, name, unit_price, vat_rate, category, inventory_item_id, event_id)
  SELECT id, kind, name, unit_price, vat_rate, category, inventory_item_id, event_id FROM products;
DROP TABLE products;
ALTER TABLE products_new RENAME TO products;

DROP VIEW shift_payments;
CREATE TABLE payments_new (
  id TEXT PRIMARY KEY NOT NULL,
  sale_id TEXT NOT NULL REFERENCES sales (id),
  refund_id TEXT REFERENCES refunds (id),
  shift_id TEXT NOT NULL REFERENCES shifts (id),
  tender TEXT NOT NULL CHECK (tender IN ('cash', 'card', 'complimentary', 'exchange', 'voucher')),
  -- Positive for money taken, negative for money paid back.
  amount INTEGER NOT NULL,
  tendered INTEGER,
  change_given INTEGER CHECK (change_given >= 0),
  reference TEXT,
  created_at TEXT NOT NULL,
  -- The gift voucher a 'voucher' payment spent (or a refund gave back to); NULL for every other tender.
  voucher_id TEXT CHECK ((tender = 'voucher') = (voucher_id IS NOT NULL))
) STRICT;
INSERT INTO payments_new (id, sale_id, refund_id, shift_id, tender, amount, tendered, change_given,
    reference, created_at)
  SELECT id, sale_id, refund_id, shift_id, tender, amount, tendered, change_given, reference, created_at
  FROM payments;
DROP TABLE payments;
ALTER TABLE payments_new RENAME TO payments;
CREATE INDEX payments_sale ON payments (sale_id);
CREATE INDEX payments_shift ON payments (shift_id);
CREATE INDEX payments_voucher ON payments (voucher_id) WHERE voucher_id IS NOT NULL;
CREATE VIEW shift_payments AS
  SELECT p.shift_id, p.tender, p.amount FROM payments p
    WHERE NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = p.sale_id AND s.training = 1)
  UNION ALL SELECT shift_id, tender, amount FROM remote_refund_payments;

-- The vouchers this terminal's sales issued: the sale record's `vouchers` part (voucherRowSchema). A
-- training sale's voucher has no code (secret and key_id NULL): nothing can ever spend it.
CREATE TABLE vouchers (
  id TEXT PRIMARY KEY NOT NULL,
  sale_id TEXT NOT NULL REFERENCES sales (id),
  line_id TEXT NOT NULL REFERENCES sale_lines (id),
  unit_index INTEGER NOT NULL CHECK (unit_index >= 0),
  amount INTEGER NOT NULL CHECK (amount >= 1),
  currency TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  secret TEXT,
  key_id TEXT,
  UNIQUE (line_id, unit_index)
) STRICT;
CREATE INDEX vouchers_sale ON vouchers (sale_id);

-- The organisation's vouchers as the last pull said: balance is the server's, as of that pull.
CREATE TABLE pulled_vouchers (
  id TEXT PRIMARY KEY NOT NULL,
  currency TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount >= 1),
  balance INTEGER NOT NULL CHECK (balance >= 0),
  expires_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'void')),
  pulled_at TEXT NOT NULL,
  -- The outbox seq this terminal had pushed through when that pull began: its sales up to there are in
  -- the balance, later ones not yet (voucher-repo.ts spentHereSince).
  pulled_through INTEGER NOT NULL DEFAULT 0 CHECK (pulled_through >= 0)
) STRICT;
-- The voucher share (docs/CASH.md "Offline") is kept in terminal_meta under voucher_share_percent, as the
-- training switch is under server_training: no table of its own.
