-- The redemption ledger: one row per code use on an order, keyed by the client-made id (a sync
-- mutation id or an online redemption id) so a resent request has no second effect. Reports read it;
-- the counters on codes are updated in the same transaction as each row.
CREATE TABLE redemptions (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  order_id UUID NOT NULL,
  code_id UUID NOT NULL REFERENCES codes (id),
  -- the version of the terms the sale used (a child uses its parent's version)
  code_version INTEGER NOT NULL,
  parent_id UUID REFERENCES codes (id),
  terminal_id UUID REFERENCES terminals (id),
  cashier_id UUID REFERENCES staff (id),
  customer_id TEXT,
  buyer TEXT,
  channel TEXT NOT NULL CHECK (channel IN ('online', 'box_office')),
  currency TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  tickets INTEGER NOT NULL CHECK (tickets >= 0),
  item_uses INTEGER NOT NULL CHECK (item_uses >= 0),
  discount BIGINT NOT NULL CHECK (discount >= 0),
  revenue BIGINT NOT NULL CHECK (revenue >= 0),
  overuse BOOLEAN NOT NULL DEFAULT false,
  overuse_reason TEXT,
  overuse_granted_by UUID REFERENCES staff (id),
  overuse_limits JSONB,
  redeemed_at TIMESTAMPTZ NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (overuse = (overuse_reason IS NOT NULL))
);
-- one code per order
CREATE UNIQUE INDEX redemptions_order ON redemptions (org_id, order_id);
CREATE INDEX redemptions_code ON redemptions (code_id, redeemed_at);
CREATE INDEX redemptions_parent ON redemptions (parent_id, redeemed_at) WHERE parent_id IS NOT NULL;
CREATE INDEX redemptions_org_time ON redemptions (org_id, redeemed_at);
CREATE INDEX redemptions_overuse ON redemptions (org_id, redeemed_at) WHERE overuse;
