-- Discount codes in the engine's shape (shared/codes/types.ts: CodeRecord). A generated child code
-- holds only its own string, status and counters: its terms are its parent's, so an edit to the parent
-- reaches every child without rewriting 100,000 rows.
--
-- org_id and parent_id carry no foreign keys on purpose: a per-row foreign-key check nearly doubles the
-- time to insert 100,000 generated children. Neither side is ever hard-deleted (codes are soft-deleted,
-- organisations are never removed), and the service checks the parent in the caller's organisation
-- before it generates; code_versions and redemptions do reference codes.
CREATE TABLE codes (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL,
  -- normalised (upper case); never changes after creation
  code TEXT NOT NULL CHECK (code = upper(code) AND length(code) BETWEEN 1 AND 64),
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  parent_id UUID,
  is_parent BOOLEAN NOT NULL DEFAULT false,
  status TEXT NOT NULL CHECK (status IN ('active', 'disabled', 'deleted')),
  name TEXT,
  description TEXT,
  benefit JSONB,
  rules JSONB,
  auto_priority INTEGER CHECK (auto_priority >= 1),
  offline_policy TEXT CHECK (offline_policy IN ('deny', 'best_effort')),
  -- usage counters: changed only in the same transaction as the redemption ledger row
  uses INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0),
  item_uses INTEGER NOT NULL DEFAULT 0 CHECK (item_uses >= 0),
  discount_given BIGINT NOT NULL DEFAULT 0 CHECK (discount_given >= 0),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK ((parent_id IS NULL) = (benefit IS NOT NULL AND rules IS NOT NULL AND name IS NOT NULL AND offline_policy IS NOT NULL)),
  CHECK (NOT (is_parent AND parent_id IS NOT NULL))
);
-- Case-insensitive uniqueness per organisation (codes are stored upper-cased); this also makes every
-- generated child unique per event.
CREATE UNIQUE INDEX codes_org_code ON codes (org_id, code);
CREATE INDEX codes_parent ON codes (parent_id) WHERE parent_id IS NOT NULL;

-- Every version a sale may point at; past sales keep the terms they were sold under.
CREATE TABLE code_versions (
  code_id UUID NOT NULL REFERENCES codes (id),
  version INTEGER NOT NULL CHECK (version >= 1),
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  benefit JSONB NOT NULL,
  rules JSONB NOT NULL,
  auto_priority INTEGER,
  offline_policy TEXT NOT NULL,
  created_by UUID REFERENCES staff (id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (code_id, version)
);

-- Bulk generation of child codes runs in the background; progress is read from this row.
CREATE TABLE generation_jobs (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  parent_id UUID NOT NULL REFERENCES codes (id),
  requested INTEGER NOT NULL CHECK (requested BETWEEN 1 AND 100000),
  prefix TEXT NOT NULL DEFAULT '',
  length INTEGER NOT NULL CHECK (length BETWEEN 4 AND 32),
  generated INTEGER NOT NULL DEFAULT 0 CHECK (generated >= 0),
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  error TEXT,
  created_by UUID REFERENCES staff (id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  -- touched after every chunk: a job whose process died stops beating and is reported as failed
  heartbeat_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished_at TIMESTAMPTZ
);
CREATE INDEX generation_jobs_parent ON generation_jobs (parent_id);
