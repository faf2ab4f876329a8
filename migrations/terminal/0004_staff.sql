-- Who may use this terminal. PINs are scrypt hashes; repeated failures lock the account for a while.
CREATE TABLE roles (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  -- JSON array of permission names (shared/auth/permissions.ts)
  permissions TEXT NOT NULL,
  custom_ceiling_percent INTEGER NOT NULL CHECK (custom_ceiling_percent BETWEEN 0 AND 10000),
  custom_ceiling_amount INTEGER NOT NULL CHECK (custom_ceiling_amount >= 0)
) STRICT;

CREATE TABLE staff (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  role_id TEXT NOT NULL REFERENCES roles (id),
  pin_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT
) STRICT;
