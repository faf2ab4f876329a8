-- docs/ORDERS.md "Exchanges": an exchange refunds units of a sale and sells new ones in one transaction.
-- The new sale names the sale it exchanges (exchange_of); the value given back is a credit on the new
-- sale and a payout on the refund, both in the tender 'exchange', so they cancel out in the shift.
ALTER TABLE sales ADD COLUMN exchange_of TEXT REFERENCES sales (id);
CREATE INDEX sales_exchange_of ON sales (exchange_of) WHERE exchange_of IS NOT NULL;

-- The tender list is a CHECK: SQLite changes it only by rebuilding the table (and the view over it).
DROP VIEW shift_payments;
CREATE TABLE payments_new (
  id TEXT PRIMARY KEY NOT NULL,
  sale_id TEXT NOT NULL REFERENCES sales (id),
  refund_id TEXT REFERENCES refunds (id),
  shift_id TEXT NOT NULL REFERENCES shifts (id),
  tender TEXT NOT NULL CHECK (tender IN ('cash', 'card', 'complimentary', 'exchange')),
  -- Positive for money taken, negative for money paid back.
  amount INTEGER NOT NULL,
  tendered INTEGER,
  change_given INTEGER CHECK (change_given >= 0),
  reference TEXT,
  created_at TEXT NOT NULL
) STRICT;
INSERT INTO payments_new SELECT id, sale_id, refund_id, shift_id, tender, amount, tendered, change_given,
  reference, created_at FROM payments;
DROP TABLE payments;
ALTER TABLE payments_new RENAME TO payments;
CREATE INDEX payments_sale ON payments (sale_id);
CREATE INDEX payments_shift ON payments (shift_id);
CREATE VIEW shift_payments AS
  SELECT shift_id, tender, amount FROM payments
  UNION ALL SELECT shift_id, tender, amount FROM remote_refund_payments;
