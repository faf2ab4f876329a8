-- shared/auth/permissions.ts gained 'sell.offline': selling while the server does not answer. Every stored
-- (custom) role that sells could do that before, so it keeps the right; a manager may take it away.
-- Built-in roles live in code.
UPDATE roles SET permissions = permissions || '["sell.offline"]'::jsonb
  WHERE permissions ? 'sell' AND NOT permissions ? 'sell.offline';
