-- Organisation settings for the back office (issue 15): the currency and time zone new venues and
-- organisation-wide products start from, the VAT rates price and product forms offer (a list of
-- {name, rate} with rate in basis points), and the lines printed at the top of receipts. Edited with a
-- version like every other back-office record (0014).
ALTER TABLE organisations
  ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
  ADD COLUMN timezone TEXT NOT NULL DEFAULT 'UTC' CHECK (length(timezone) BETWEEN 1 AND 64),
  ADD COLUMN vat_rates JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(vat_rates) = 'array'),
  ADD COLUMN receipt_header JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(receipt_header) = 'array'),
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now();

-- An organisation that has venues already starts from its first venue's currency and time zone.
UPDATE organisations o
   SET currency = v.currency, timezone = v.timezone
  FROM (SELECT DISTINCT ON (org_id) org_id, currency, timezone FROM venues ORDER BY org_id, created_at, id) v
 WHERE v.org_id = o.id;
