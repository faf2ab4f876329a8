-- docs/ORDERS.md "Refunds at another window": refunds and voids this terminal made of another
-- terminal's sales. The sale is not in this store, so what the refund receipt needs of it is kept with
-- the refund. The money left this terminal's drawer: its payments count in this terminal's shift.
CREATE TABLE remote_refunds (
  id TEXT PRIMARY KEY NOT NULL,
  refund_no INTEGER NOT NULL CHECK (refund_no >= 1),
  sale_id TEXT NOT NULL,
  sale_terminal_id TEXT NOT NULL,
  sale_terminal_name TEXT,
  sale_receipt_no INTEGER NOT NULL CHECK (sale_receipt_no >= 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  kind TEXT NOT NULL CHECK (kind IN ('refund', 'void')),
  shift_id TEXT NOT NULL REFERENCES shifts (id),
  staff_id TEXT NOT NULL REFERENCES staff (id),
  reason TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount >= 0),
  -- The units given back as the receipt prints them: [{lineId, unitIndex, name, vatRate, total}].
  units TEXT NOT NULL CHECK (json_valid(units) AND json_type(units) = 'array'),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX remote_refunds_shift ON remote_refunds (shift_id);
CREATE INDEX remote_refunds_sale ON remote_refunds (sale_id);

CREATE TABLE remote_refund_payments (
  id TEXT PRIMARY KEY NOT NULL,
  refund_id TEXT NOT NULL REFERENCES remote_refunds (id),
  shift_id TEXT NOT NULL REFERENCES shifts (id),
  tender TEXT NOT NULL CHECK (tender IN ('cash', 'card', 'complimentary')),
  amount INTEGER NOT NULL CHECK (amount < 0),
  reference TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX remote_refund_payments_shift ON remote_refund_payments (shift_id);

-- A shift's money and refunds: at this terminal's own sales and at other terminals' sales.
CREATE VIEW shift_payments AS
  SELECT shift_id, tender, amount FROM payments
  UNION ALL SELECT shift_id, tender, amount FROM remote_refund_payments;
CREATE VIEW shift_refunds AS
  SELECT shift_id, kind, amount, refund_no FROM refunds
  UNION ALL SELECT shift_id, kind, amount, refund_no FROM remote_refunds;
