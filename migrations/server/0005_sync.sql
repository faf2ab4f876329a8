-- Offline sync (SYNC.md, shared/sync/DECISIONS.md): change positions for pull, the per-terminal
-- mutation log for push, the POS sales ledger, escrow counters and leases, and the review queue.

-- One row per organisation. Every write to a synced row takes the next position here; the row lock is
-- held until commit, so positions become visible in commit order and a pull never skips one.
-- generation changes if an organisation's positions are ever rebuilt: old cursors then reset.
CREATE TABLE sync_positions (
  org_id UUID PRIMARY KEY REFERENCES organisations (id),
  last_pos BIGINT NOT NULL DEFAULT 0 CHECK (last_pos >= 0),
  generation UUID NOT NULL DEFAULT gen_random_uuid()
);
INSERT INTO sync_positions (org_id) SELECT id FROM organisations;

ALTER TABLE venues ADD COLUMN change_pos BIGINT NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN change_pos BIGINT NOT NULL DEFAULT 0;
ALTER TABLE performances ADD COLUMN change_pos BIGINT NOT NULL DEFAULT 0;
ALTER TABLE price_bands ADD COLUMN change_pos BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ticket_types ADD COLUMN change_pos BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ticket_prices ADD COLUMN change_pos BIGINT NOT NULL DEFAULT 0;
ALTER TABLE products ADD COLUMN change_pos BIGINT NOT NULL DEFAULT 0;
ALTER TABLE roles ADD COLUMN change_pos BIGINT NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN change_pos BIGINT NOT NULL DEFAULT 0;
ALTER TABLE codes ADD COLUMN change_pos BIGINT NOT NULL DEFAULT 0;
-- The usage counters of a code move on every sale; they travel as their own change (code_usage), so a
-- busy code does not resend its terms. NULL: never used, nothing to send.
ALTER TABLE codes ADD COLUMN usage_pos BIGINT;

-- Pull pages by (change_pos, id) per entity.
CREATE INDEX venues_pull ON venues (org_id, change_pos, id);
CREATE INDEX events_pull ON events (org_id, change_pos, id);
CREATE INDEX performances_pull ON performances (org_id, change_pos, id);
CREATE INDEX price_bands_pull ON price_bands (org_id, change_pos, id);
CREATE INDEX ticket_types_pull ON ticket_types (org_id, change_pos, id);
CREATE INDEX ticket_prices_pull ON ticket_prices (org_id, change_pos, id);
CREATE INDEX products_pull ON products (org_id, change_pos, id);
CREATE INDEX roles_pull ON roles (org_id, change_pos, id);
CREATE INDEX staff_pull ON staff (org_id, change_pos, id);
-- Partial, so a generated child updates one of the two and a page of parents never walks the children.
CREATE INDEX codes_pull_own ON codes (org_id, change_pos, id) WHERE parent_id IS NULL;
CREATE INDEX codes_pull_child ON codes (org_id, change_pos, id) WHERE parent_id IS NOT NULL;
CREATE INDEX codes_pull_usage ON codes (org_id, usage_pos, id) WHERE usage_pos IS NOT NULL;

-- Hard deletes (catalogue rows, custom roles) leave a tombstone so terminals drop the row too.
CREATE TABLE sync_tombstones (
  org_id UUID NOT NULL REFERENCES organisations (id),
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  change_pos BIGINT NOT NULL,
  deleted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, entity, id)
);
CREATE INDEX sync_tombstones_pull ON sync_tombstones (org_id, change_pos);

-- A terminal restored from a backup is stopped until a manager re-enrols it (a new epoch).
ALTER TABLE terminals ADD COLUMN state TEXT NOT NULL DEFAULT 'active'
  CHECK (state IN ('active', 'restore_detected'));

-- Every pushed mutation, per terminal, epoch and seq: the chain the next push must continue. A
-- mutation id is applied (or quarantined) once per organisation; a re-push after a re-enrolment logs
-- it again as a duplicate in the new epoch.
CREATE TABLE sync_mutations (
  org_id UUID NOT NULL REFERENCES organisations (id),
  terminal_id UUID NOT NULL REFERENCES terminals (id),
  epoch INTEGER NOT NULL CHECK (epoch >= 1),
  seq BIGINT NOT NULL CHECK (seq >= 1),
  mutation_id UUID NOT NULL,
  type TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('applied', 'duplicate', 'quarantined')),
  received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (terminal_id, epoch, seq)
);
CREATE UNIQUE INDEX sync_mutations_once ON sync_mutations (org_id, mutation_id) WHERE status <> 'duplicate';

-- A mutation the server could not apply, kept whole: a completed sale is never dropped.
CREATE TABLE quarantined_mutations (
  org_id UUID NOT NULL REFERENCES organisations (id),
  mutation_id UUID NOT NULL,
  terminal_id UUID NOT NULL REFERENCES terminals (id),
  epoch INTEGER NOT NULL,
  seq BIGINT NOT NULL,
  type TEXT NOT NULL,
  reason TEXT NOT NULL,
  message TEXT NOT NULL,
  payload JSONB NOT NULL,
  hash TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, mutation_id)
);

-- The POS sales ledger: sales as the terminals made them, money in minor units.
CREATE TABLE pos_sales (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  terminal_id UUID NOT NULL REFERENCES terminals (id),
  mutation_id UUID NOT NULL,
  shift_id UUID NOT NULL,
  cashier_id UUID NOT NULL,
  receipt_no BIGINT NOT NULL,
  currency TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  gross BIGINT NOT NULL CHECK (gross >= 0),
  code_discount BIGINT NOT NULL CHECK (code_discount >= 0),
  custom_discount BIGINT NOT NULL CHECK (custom_discount >= 0),
  total BIGINT NOT NULL CHECK (total >= 0),
  payload JSONB NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('completed', 'voided')),
  created_at TIMESTAMPTZ NOT NULL,
  voided_at TIMESTAMPTZ,
  recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX pos_sales_org_time ON pos_sales (org_id, created_at);
CREATE INDEX pos_sales_shift ON pos_sales (shift_id);

CREATE TABLE pos_refunds (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  terminal_id UUID NOT NULL REFERENCES terminals (id),
  sale_id UUID NOT NULL REFERENCES pos_sales (id),
  mutation_id UUID NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('refund', 'void')),
  shift_id UUID NOT NULL,
  staff_id UUID NOT NULL,
  amount BIGINT NOT NULL CHECK (amount >= 0),
  payload JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX pos_refunds_sale ON pos_refunds (sale_id);

CREATE TABLE pos_shift_events (
  mutation_id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  terminal_id UUID NOT NULL REFERENCES terminals (id),
  shift_id UUID NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('open', 'close')),
  staff_id UUID NOT NULL,
  payload JSONB NOT NULL,
  at TIMESTAMPTZ NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX pos_shift_events_shift ON pos_shift_events (shift_id);

-- A void gives back exactly what the sale took: the code use is released, not deleted.
ALTER TABLE redemptions ADD COLUMN released_at TIMESTAMPTZ;

-- Capped counters: limit_units = unallocated + Σ(granted − returned) over leases + absorbed, always.
CREATE TABLE escrow_counters (
  org_id UUID NOT NULL REFERENCES organisations (id),
  counter TEXT NOT NULL,
  limit_units BIGINT NOT NULL CHECK (limit_units >= 0),
  unallocated BIGINT NOT NULL CHECK (unallocated >= 0),
  absorbed BIGINT NOT NULL CHECK (absorbed >= 0),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, counter)
);

CREATE TABLE escrow_leases (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  terminal_id UUID NOT NULL REFERENCES terminals (id),
  epoch INTEGER NOT NULL CHECK (epoch >= 1),
  counter TEXT NOT NULL,
  request_id UUID NOT NULL,
  granted BIGINT NOT NULL CHECK (granted >= 1),
  used BIGINT NOT NULL DEFAULT 0 CHECK (used >= 0),
  returned BIGINT NOT NULL DEFAULT 0 CHECK (returned >= 0),
  -- the pool left after this grant, so a resent request gets the very same answer
  unallocated_after BIGINT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'returned', 'expired', 'void')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (used + returned <= granted),
  FOREIGN KEY (org_id, counter) REFERENCES escrow_counters (org_id, counter)
);
CREATE UNIQUE INDEX escrow_leases_request ON escrow_leases (terminal_id, request_id);
CREATE INDEX escrow_leases_counter ON escrow_leases (org_id, counter);

-- What each synced sale took from each counter, so a void or refund gives back exactly that.
CREATE TABLE pos_sale_escrow (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  sale_id UUID NOT NULL REFERENCES pos_sales (id),
  org_id UUID NOT NULL REFERENCES organisations (id),
  counter TEXT NOT NULL,
  lease_id UUID REFERENCES escrow_leases (id),
  kind TEXT NOT NULL CHECK (kind IN ('backed', 'absorbed', 'excess')),
  units BIGINT NOT NULL CHECK (units >= 1),
  given_back BIGINT NOT NULL DEFAULT 0 CHECK (given_back >= 0 AND given_back <= units)
);
CREATE INDEX pos_sale_escrow_sale ON pos_sale_escrow (sale_id);

CREATE TABLE review_items (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  kind TEXT NOT NULL CHECK (kind IN ('overuse_excess', 'quarantined', 'restore_detected', 'customer_overuse')),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'flagged')),
  terminal_id UUID REFERENCES terminals (id),
  mutation_id UUID,
  redemption_id UUID REFERENCES redemptions (id),
  counter TEXT,
  units BIGINT,
  summary TEXT NOT NULL,
  payload JSONB NOT NULL DEFAULT 'null',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  resolved_by UUID REFERENCES staff (id),
  resolved_at TIMESTAMPTZ,
  note TEXT,
  CHECK ((status = 'open') = (resolved_at IS NULL))
);
CREATE INDEX review_items_org ON review_items (org_id, status, created_at);
