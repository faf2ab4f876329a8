-- The customer store (docs/CUSTOMERS.md): customers per organisation, searched by part of the name or
-- e-mail address and by the digits of the phone number, at the back office and online at the till.

-- Trigram indexes answer ILIKE '%part%' from an index. pg_trgm ships with PostgreSQL's contrib and is a
-- trusted extension (any owner of the database may create it); the embedded PGlite loads its build of
-- it (src-server/db/database.ts), so both backends run this same script.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE customers (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email TEXT CHECK (length(email) BETWEEN 3 AND 200),
  phone TEXT CHECK (length(phone) BETWEEN 3 AND 40),
  -- The phone's digits only, so "+49 30 1234-56" is found by "301234" however it was typed.
  phone_digits TEXT GENERATED ALWAYS AS (regexp_replace(COALESCE(phone, ''), '[^0-9]', '', 'g')) STORED,
  -- The group names a code's customerGroups rule names (shared/discounts: any one of them admits).
  groups TEXT[] NOT NULL DEFAULT '{}' CHECK (cardinality(groups) <= 50),
  -- Consent to receive receipts and tickets by e-mail, with when it was given: never without an address,
  -- and never a consent without its time (withdrawing it clears both).
  email_consent BOOLEAN NOT NULL DEFAULT false,
  email_consent_at TIMESTAMPTZ,
  notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (email_consent = (email_consent_at IS NOT NULL)),
  CHECK (NOT email_consent OR email IS NOT NULL)
);
-- One customer per address in an organisation, however it is capitalised.
CREATE UNIQUE INDEX customers_email ON customers (org_id, lower(email)) WHERE email IS NOT NULL;
-- The list by name when nothing is searched.
CREATE INDEX customers_org_name ON customers (org_id, name, id);
-- fastupdate off: a new customer goes straight into the index rather than into GIN's pending list,
-- which only a VACUUM merges. PGlite runs no autovacuum, and a long pending list makes the planner
-- leave the index unused; customers are written one at a time, so the slower insert costs nothing.
CREATE INDEX customers_name_trgm ON customers USING gin (name gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX customers_email_trgm ON customers USING gin (email gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX customers_phone_trgm ON customers USING gin (phone_digits gin_trgm_ops) WITH (fastupdate = off);

-- A customer's orders and their code uses: pushed sales name the customer in the sale record, online
-- code uses in the redemption. Terminal customer ids are text, so both are compared as text.
CREATE INDEX pos_sales_customer ON pos_sales (org_id, (payload->'sale'->>'customerId'), created_at, id)
  WHERE payload->'sale'->>'customerId' IS NOT NULL;
CREATE INDEX redemptions_customer ON redemptions (org_id, customer_id, code_id)
  WHERE customer_id IS NOT NULL;
