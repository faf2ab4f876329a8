-- The sales journal (docs/ORDERS.md): search every order by receipt number, customer name, e-mail or
-- phone. A pushed sale keeps its customer snapshot (payload sale.customer, JSON text); its search keys
-- live in plain columns the push fills (shared/reports/journal.ts customerKeys): name and e-mail in
-- lower case, the phone as digits only.
ALTER TABLE pos_sales ADD COLUMN customer_name TEXT;
ALTER TABLE pos_sales ADD COLUMN customer_email TEXT;
ALTER TABLE pos_sales ADD COLUMN customer_phone TEXT;

-- Backfill from the stored payloads. A customer the terminal stored in another shape (not a JSON
-- object) keeps empty keys rather than stopping the migration.
CREATE FUNCTION journal_customer_json(t text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN CASE WHEN jsonb_typeof(t::jsonb) = 'object' THEN t::jsonb END;
EXCEPTION WHEN others THEN
  RETURN NULL;
END;
$$;
UPDATE pos_sales s SET
  customer_name = NULLIF(lower(btrim(c.j->>'name')), ''),
  customer_email = NULLIF(lower(btrim(c.j->>'email')), ''),
  customer_phone = NULLIF(regexp_replace(COALESCE(c.j->>'phone', ''), '\D', '', 'g'), '')
FROM (SELECT id, journal_customer_json(payload->'sale'->>'customer') AS j FROM pos_sales
      WHERE payload->'sale'->>'customer' IS NOT NULL) c
WHERE c.id = s.id AND c.j IS NOT NULL;
DROP FUNCTION journal_customer_json(text);

-- Receipt numbers are per terminal: one number may name a sale at each terminal.
CREATE INDEX pos_sales_receipt ON pos_sales (org_id, receipt_no);
-- The start of a name, of its last word, or of an e-mail address (LIKE 'text%').
CREATE INDEX pos_sales_customer_name ON pos_sales (org_id, customer_name text_pattern_ops)
  WHERE customer_name IS NOT NULL;
CREATE INDEX pos_sales_customer_last_name ON pos_sales
  (org_id, (substring(customer_name FROM '(\S+)$')) text_pattern_ops) WHERE customer_name IS NOT NULL;
CREATE INDEX pos_sales_customer_email ON pos_sales (org_id, customer_email text_pattern_ops)
  WHERE customer_email IS NOT NULL;
-- The end of a phone number: typed with or without the country code, the last digits agree.
CREATE INDEX pos_sales_customer_phone ON pos_sales (org_id, (reverse(customer_phone)) text_pattern_ops)
  WHERE customer_phone IS NOT NULL;
-- Online orders (a code use with no sale) by their buyer's name or e-mail.
CREATE INDEX redemptions_buyer ON redemptions (org_id, (lower(buyer)) text_pattern_ops)
  WHERE NOT pos_sale AND buyer IS NOT NULL;
