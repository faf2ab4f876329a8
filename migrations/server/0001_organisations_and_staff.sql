-- Tenancy and people. Every row below an organisation carries org_id so that every query can be scoped
-- to the caller's organisation; another organisation's rows are simply not found.
CREATE TABLE organisations (
  id UUID PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE venues (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  name TEXT NOT NULL,
  currency TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  timezone TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX venues_org ON venues (org_id);

-- Custom roles per organisation; the built-in roles (seller, supervisor, manager) live in code.
CREATE TABLE roles (
  org_id UUID NOT NULL REFERENCES organisations (id),
  id TEXT NOT NULL CHECK (id ~ '^[a-z][a-z0-9_-]{0,39}$'),
  name TEXT NOT NULL,
  permissions JSONB NOT NULL CHECK (jsonb_typeof(permissions) = 'array'),
  ceiling_percent INTEGER NOT NULL CHECK (ceiling_percent BETWEEN 0 AND 10000),
  ceiling_amount BIGINT NOT NULL CHECK (ceiling_amount >= 0),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);

CREATE TABLE staff (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  name TEXT NOT NULL,
  -- managers sign in to the admin API with email and password; sellers only need a PIN at the terminal
  email TEXT,
  password_hash TEXT,
  pin_hash TEXT,
  role_id TEXT NOT NULL,
  active BOOLEAN NOT NULL DEFAULT true,
  -- sign-in throttling: repeated wrong passwords lock the account for a while
  failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  locked_until TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX staff_email ON staff (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX staff_org ON staff (org_id);

-- Admin API sessions. Only a hash of the token is stored: a leaked table grants nothing.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id UUID NOT NULL REFERENCES staff (id),
  org_id UUID NOT NULL REFERENCES organisations (id),
  expires_at TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sessions_staff ON sessions (staff_id);

CREATE TABLE terminals (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  venue_id UUID NOT NULL REFERENCES venues (id),
  name TEXT NOT NULL,
  -- a re-registration (e.g. a terminal restored from a backup) starts a new epoch; old leases die with it
  epoch INTEGER NOT NULL DEFAULT 1 CHECK (epoch >= 1),
  token_hash TEXT NOT NULL UNIQUE,
  last_seq BIGINT NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at TIMESTAMPTZ
);
CREATE INDEX terminals_org ON terminals (org_id);

CREATE TABLE enrolment_codes (
  code_hash TEXT PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  venue_id UUID NOT NULL REFERENCES venues (id),
  created_by UUID NOT NULL REFERENCES staff (id),
  expires_at TIMESTAMPTZ NOT NULL,
  used_at TIMESTAMPTZ,
  terminal_id UUID REFERENCES terminals (id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
