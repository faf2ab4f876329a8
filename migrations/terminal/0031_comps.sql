-- docs/CASH.md "Comps": lines, or some of their units, given away with a reason from the organisation's
-- `comp` list. A comped unit keeps its full price in `comp` (its total is 0), so reports show what was
-- given away. Gross stays what was charged before discounts (gross - code_discount - custom_discount =
-- total, the sales table's check), and gross + comp is the order's value at list price.
ALTER TABLE sales ADD COLUMN comp INTEGER NOT NULL DEFAULT 0 CHECK (comp >= 0);
ALTER TABLE sale_lines ADD COLUMN comp INTEGER NOT NULL DEFAULT 0 CHECK (comp >= 0);
ALTER TABLE sale_lines ADD COLUMN comp_reason TEXT;
ALTER TABLE sale_lines ADD COLUMN comp_note TEXT;
ALTER TABLE sale_units ADD COLUMN comp INTEGER NOT NULL DEFAULT 0 CHECK (comp >= 0);

-- Who allowed a comp is an approval of kind 'comp'. The kind list is a CHECK: SQLite changes it only
-- by rebuilding the table.
CREATE TABLE approvals_new (
  id TEXT PRIMARY KEY NOT NULL,
  sale_id TEXT NOT NULL REFERENCES sales (id),
  kind TEXT NOT NULL CHECK (kind IN ('overuse', 'custom_discount', 'comp')),
  approver_id TEXT NOT NULL REFERENCES staff (id),
  reason TEXT NOT NULL,
  -- JSON array: the engine's reason codes an overuse bypassed, or the line ids a comp gave away.
  limits TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  signature TEXT
) STRICT;
INSERT INTO approvals_new SELECT id, sale_id, kind, approver_id, reason, limits, created_at, signature
  FROM approvals;
DROP TABLE approvals;
ALTER TABLE approvals_new RENAME TO approvals;
CREATE INDEX approvals_overuse_approver ON approvals (approver_id, created_at) WHERE kind = 'overuse';

-- The permission to comp alone (shared/auth/permissions.ts). The built-in supervisor and manager hold
-- it. A custom role gains it when it holds custom.approve: until now giving an order away (the
-- complimentary tender) needed exactly that, so nobody loses what they could do and nobody gains more.
-- The server's migration 0038 does the same for its roles.
UPDATE roles SET permissions = json_insert(permissions, '$[#]', 'sale.comp')
  WHERE (id IN ('supervisor', 'manager')
      OR EXISTS (SELECT 1 FROM json_each(roles.permissions) WHERE value = 'custom.approve'))
    AND NOT EXISTS (SELECT 1 FROM json_each(roles.permissions) WHERE value = 'sale.comp');
