-- docs/CUSTOMERS.md "At the terminal": the customers this terminal can find and use without the server.
-- 'pulled': the server's offline subset (customers with personal codes or recent orders), with the
-- server's counts when it sent the row. 'created': made here while the server did not answer, under an
-- id made here; it travels to the server as a customer.create mutation and is pulled back like any other.
CREATE TABLE customers (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email TEXT,
  phone TEXT,
  -- The phone's digits only, so a search by digits finds it however it was typed.
  phone_digits TEXT NOT NULL DEFAULT '',
  -- JSON array of group names (a code's customerGroups rule names them).
  groups TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(groups) AND json_type(groups) = 'array'),
  email_consent INTEGER NOT NULL DEFAULT 0 CHECK (email_consent IN (0, 1)),
  -- The server's count of completed orders when the row was pulled (0 for one created here).
  completed_orders INTEGER NOT NULL DEFAULT 0 CHECK (completed_orders >= 0),
  last_order_at TEXT,
  has_codes INTEGER NOT NULL DEFAULT 0 CHECK (has_codes IN (0, 1)),
  origin TEXT NOT NULL CHECK (origin IN ('pulled', 'created')),
  updated_at TEXT NOT NULL,
  CHECK (email_consent = 0 OR email IS NOT NULL)
) STRICT;
CREATE INDEX customers_name ON customers (name COLLATE NOCASE);
