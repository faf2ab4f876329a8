-- docs/CASH.md "Training mode". A staff member in training (set in the back office, pulled with the
-- staff row) and a sale made in training (on a terminal in training, or by such a person). A training
-- sale never reaches the outbox and counts in no figure, so the views the Z report and the expected
-- cash read leave its payments and refunds out; the sale rows themselves are filtered where read.
ALTER TABLE staff ADD COLUMN training INTEGER NOT NULL DEFAULT 0 CHECK (training IN (0, 1));
ALTER TABLE sales ADD COLUMN training INTEGER NOT NULL DEFAULT 0 CHECK (training IN (0, 1));

DROP VIEW shift_payments;
CREATE VIEW shift_payments AS
  SELECT p.shift_id, p.tender, p.amount FROM payments p
    WHERE NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = p.sale_id AND s.training = 1)
  UNION ALL SELECT shift_id, tender, amount FROM remote_refund_payments;

DROP VIEW shift_refunds;
CREATE VIEW shift_refunds AS
  SELECT r.shift_id, r.kind, r.amount, r.refund_no FROM refunds r
    WHERE NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = r.sale_id AND s.training = 1)
  UNION ALL SELECT shift_id, kind, amount, refund_no FROM remote_refunds;
