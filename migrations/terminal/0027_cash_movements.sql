-- docs/CASH.md: cash that moves through the drawer without a sale (paid in, paid out, a drop to the safe,
-- a change of float) and "no sale", each with a reason from the organisation's list. `amount` is what the
-- drawer gained (negative when cash left it); the checks keep each kind's direction, so the expected cash
-- can sum the column without knowing the kinds.
CREATE TABLE cash_movements (
  id TEXT PRIMARY KEY NOT NULL,
  shift_id TEXT NOT NULL REFERENCES shifts (id),
  kind TEXT NOT NULL CHECK (kind IN ('paid_in', 'paid_out', 'drop', 'float_change', 'no_sale')),
  amount INTEGER NOT NULL CHECK (
    (kind = 'paid_in' AND amount > 0)
    OR (kind IN ('paid_out', 'drop') AND amount < 0)
    OR (kind = 'float_change' AND amount <> 0)
    OR (kind = 'no_sale' AND amount = 0)
  ),
  currency TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (length(reason) > 0),
  note TEXT,
  staff_id TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX cash_movements_shift ON cash_movements (shift_id, at);

-- The organisation's reason lists (shared/cash/reasons.ts), pulled with the venue as its receipt header is.
ALTER TABLE venues ADD COLUMN reasons TEXT NOT NULL DEFAULT '{}' CHECK (json_type(reasons) = 'object');

-- Whether the receipt printer opens the cash drawer (ESC p) on a cash payment and a cash movement.
ALTER TABLE printer_settings ADD COLUMN drawer_kick INTEGER NOT NULL DEFAULT 0 CHECK (drawer_kick IN (0, 1));

-- Roles gain the new permissions (shared/auth/permissions.ts). Every role that sells may go on selling
-- offline, as it could before (the server's migration 0033 does the same for its custom roles); the
-- built-in supervisor and manager also move cash, open the drawer and take sales past the offline limit. The server sends built-in roles
-- only with a full pull, so a terminal enrolled before this version would otherwise keep the old lists.
UPDATE roles SET permissions = json_insert(permissions, '$[#]', 'sell.offline')
  WHERE EXISTS (SELECT 1 FROM json_each(roles.permissions) WHERE value = 'sell')
    AND NOT EXISTS (SELECT 1 FROM json_each(roles.permissions) WHERE value = 'sell.offline');
UPDATE roles SET permissions = json_insert(permissions, '$[#]', 'cash.move', '$[#]', 'drawer.open',
    '$[#]', 'offline.approve')
  WHERE id IN ('supervisor', 'manager')
    AND NOT EXISTS (SELECT 1 FROM json_each(roles.permissions) WHERE value = 'cash.move');
