-- docs/ORDERS.md "Refunds at another window": this terminal's sales refunded or voided at another
-- terminal, as pull brings them. The money left the other terminal's drawer, so nothing here is a
-- payment; the units they gave back are marked, so this terminal never gives them back again.
CREATE TABLE refunds_elsewhere (
  id TEXT PRIMARY KEY NOT NULL,
  sale_id TEXT NOT NULL REFERENCES sales (id),
  terminal_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('refund', 'void')),
  staff_id TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount >= 0),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX refunds_elsewhere_sale ON refunds_elsewhere (sale_id);

ALTER TABLE sale_units ADD COLUMN refunded_elsewhere_id TEXT REFERENCES refunds_elsewhere (id);
