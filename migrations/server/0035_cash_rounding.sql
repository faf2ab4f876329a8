-- docs/CASH.md "Cash rounding": the cash part of a payment rounded to the smallest coin. A pushed sale
-- and refund keep their rounding as a signed adjustment, so lines add up to the total and the payments
-- to total + cash_rounding (a refund's to -(amount + cash_rounding)). Rows from before, and sales from an
-- older terminal that sends no rounding, are 0.
ALTER TABLE pos_sales ADD COLUMN cash_rounding BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pos_refunds ADD COLUMN cash_rounding BIGINT NOT NULL DEFAULT 0;

-- The organisation's setting (shared/money/cash-rounding.ts), pulled with each venue: NULL follows the
-- currency's rule, 0 turns rounding off, else the step in minor units.
ALTER TABLE organisations
  ADD COLUMN cash_rounding INTEGER CHECK (cash_rounding IS NULL OR cash_rounding BETWEEN 0 AND 10000);
