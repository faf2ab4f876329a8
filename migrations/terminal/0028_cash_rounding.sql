-- docs/CASH.md "Cash rounding": the cash part of a payment rounded to the smallest coin. A sale and a
-- refund each keep their rounding as a signed adjustment, so the lines still add up to the total and the
-- payments to total + cash_rounding (a refund's to -(amount + cash_rounding)). Rows from before are 0.
ALTER TABLE sales ADD COLUMN cash_rounding INTEGER NOT NULL DEFAULT 0;
ALTER TABLE refunds ADD COLUMN cash_rounding INTEGER NOT NULL DEFAULT 0;
-- A refund of another terminal's sale carries the same field; it gives cash back exactly (docs/CASH.md).
ALTER TABLE remote_refunds ADD COLUMN cash_rounding INTEGER NOT NULL DEFAULT 0;

-- The organisation's setting, pulled with the venue as its reason lists are: NULL follows the currency's
-- rule (shared/money/cash-rounding.ts), 0 turns rounding off, else the step in minor units.
ALTER TABLE venues ADD COLUMN cash_rounding INTEGER CHECK (cash_rounding IS NULL OR cash_rounding BETWEEN 0 AND 10000);
