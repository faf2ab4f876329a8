-- docs/ORDERS.md "Exchanges": an exchange of another terminal's order writes its refund as a remote
-- refund, whose payout of the value kept as credit is in the tender 'exchange', as a local exchange's
-- is. The tender list is a CHECK: SQLite changes it only by rebuilding the table (and the view over it).
DROP VIEW shift_payments;
CREATE TABLE remote_refund_payments_new (
  id TEXT PRIMARY KEY NOT NULL,
  refund_id TEXT NOT NULL REFERENCES remote_refunds (id),
  shift_id TEXT NOT NULL REFERENCES shifts (id),
  tender TEXT NOT NULL CHECK (tender IN ('cash', 'card', 'complimentary', 'exchange')),
  amount INTEGER NOT NULL CHECK (amount < 0),
  reference TEXT,
  created_at TEXT NOT NULL
) STRICT;
INSERT INTO remote_refund_payments_new SELECT id, refund_id, shift_id, tender, amount, reference, created_at
  FROM remote_refund_payments;
DROP TABLE remote_refund_payments;
ALTER TABLE remote_refund_payments_new RENAME TO remote_refund_payments;
CREATE INDEX remote_refund_payments_shift ON remote_refund_payments (shift_id);
CREATE VIEW shift_payments AS
  SELECT shift_id, tender, amount FROM payments
  UNION ALL SELECT shift_id, tender, amount FROM remote_refund_payments;
