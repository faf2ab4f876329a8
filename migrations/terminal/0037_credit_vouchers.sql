-- docs/CASH.md "Refunds onto a voucher": a refund or void may pay its money out onto a new gift voucher,
-- a credit voucher, made in the refund's transaction. Such a voucher names its refund instead of the
-- unit that sold it, so `vouchers` gains refund_id and its line and unit become nullable, with a CHECK
-- that a row names exactly one of the two (voucherRowSchema's refine, shared/sync/sale-record.ts).
--
-- SQLite changes a column's NOT NULL and a table's CHECKs only by rebuilding the table. Nothing references
-- `vouchers` (payments.voucher_id names a voucher without a foreign key: it may be another terminal's),
-- so the rows are copied across under the same ids, every column of 0035 kept.
CREATE TABLE vouchers_new (
  id TEXT PRIMARY KEY NOT NULL,
  sale_id TEXT NOT NULL REFERENCES sales (id),
  line_id TEXT REFERENCES sale_lines (id),
  unit_index INTEGER CHECK (unit_index >= 0),
  amount INTEGER NOT NULL CHECK (amount >= 1),
  currency TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  secret TEXT,
  key_id TEXT,
  -- 0037: the refund that paid out onto this credit voucher; NULL for a voucher a sale's unit sold.
  refund_id TEXT REFERENCES refunds (id),
  UNIQUE (line_id, unit_index),
  CHECK (CASE WHEN refund_id IS NULL THEN line_id IS NOT NULL AND unit_index IS NOT NULL
    ELSE line_id IS NULL AND unit_index IS NULL END)
) STRICT;
INSERT INTO vouchers_new (id, sale_id, line_id, unit_index, amount, currency, issued_at, expires_at, secret,
    key_id)
  SELECT id, sale_id, line_id, unit_index, amount, currency, issued_at, expires_at, secret, key_id
  FROM vouchers;
DROP TABLE vouchers;
ALTER TABLE vouchers_new RENAME TO vouchers;
CREATE INDEX vouchers_sale ON vouchers (sale_id);
CREATE INDEX vouchers_refund ON vouchers (refund_id) WHERE refund_id IS NOT NULL;
