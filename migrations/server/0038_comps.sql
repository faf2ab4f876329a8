-- docs/CASH.md "Comps": shared/auth/permissions.ts gained 'sale.comp', giving lines or whole orders away
-- with a reason. Giving an order away (the complimentary tender) needed custom.approve until now, so a
-- stored (custom) role holding custom.approve gains sale.comp and nobody loses what they could do; a
-- role without it gains nothing. Built-in roles live in code. A comp is stored inside the pushed sale
-- (its lines' comp and reason, its approval of kind 'comp'), so no table changes.
UPDATE roles SET permissions = permissions || '["sale.comp"]'::jsonb
  WHERE permissions ? 'custom.approve' AND NOT permissions ? 'sale.comp';
