-- docs/CASH.md "Refunds onto a voucher": a refund or void may pay its money out onto a new gift voucher,
-- a credit voucher, which names the refund that issued it instead of a sold unit. Exactly one of the two
-- is set (voucherRowSchema's refine, shared/sync/sale-record.ts); the UNIQUE on (sale, line, unit) still
-- holds every sold voucher to its unit, and credit vouchers, whose line and unit are NULL, never clash
-- in it. The refund row is written in the same savepoint before its vouchers (refund-apply.ts); the
-- reference is checked at commit all the same, as a voucher's sale is.
ALTER TABLE vouchers ADD COLUMN refund_id UUID REFERENCES pos_refunds (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE vouchers ALTER COLUMN line_id DROP NOT NULL;
ALTER TABLE vouchers ALTER COLUMN unit_index DROP NOT NULL;
ALTER TABLE vouchers ADD CONSTRAINT vouchers_sold_or_credit CHECK (
  (refund_id IS NULL AND line_id IS NOT NULL AND unit_index IS NOT NULL)
  OR (refund_id IS NOT NULL AND line_id IS NULL AND unit_index IS NULL));
CREATE INDEX vouchers_refund ON vouchers (refund_id) WHERE refund_id IS NOT NULL;
