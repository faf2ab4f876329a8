-- docs/SEATING.md: reserved seating. A seat map belongs to a venue's hall; a performance may use one.
-- Each seat of a seated performance has exactly one row in performance_seats, and its state says who
-- owns it: nobody (free), a manager's hold, a terminal's lease, a window's cart, a sale, or a block.
CREATE TABLE seat_maps (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  venue_id UUID NOT NULL REFERENCES venues (id),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- Band names, best first (shared/seating/types.ts SeatMap.bands).
  bands JSONB NOT NULL CHECK (jsonb_typeof(bands) = 'array'),
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (venue_id, name)
);

CREATE TABLE seat_sections (
  id UUID PRIMARY KEY,
  map_id UUID NOT NULL REFERENCES seat_maps (id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind TEXT NOT NULL CHECK (kind IN ('seated', 'ga')),
  capacity INTEGER CHECK (capacity >= 1),
  band TEXT,
  CHECK ((kind = 'ga') = (capacity IS NOT NULL AND band IS NOT NULL)),
  UNIQUE (map_id, name)
);

CREATE TABLE seats (
  id UUID PRIMARY KEY,
  map_id UUID NOT NULL REFERENCES seat_maps (id) ON DELETE CASCADE,
  section_id UUID NOT NULL REFERENCES seat_sections (id) ON DELETE CASCADE,
  row_label TEXT NOT NULL CHECK (length(row_label) BETWEEN 1 AND 20),
  seat_label TEXT NOT NULL CHECK (length(seat_label) BETWEEN 1 AND 20),
  x DOUBLE PRECISION NOT NULL,
  y DOUBLE PRECISION NOT NULL,
  band TEXT NOT NULL,
  flags TEXT[] NOT NULL DEFAULT '{}',
  hold TEXT CHECK (hold IN ('house', 'press', 'kill')),
  UNIQUE (section_id, row_label, seat_label)
);
CREATE INDEX seats_map ON seats (map_id);

-- A performance uses at most one map; its capacity then equals the map's (shared/seating/capacity.ts),
-- and its capacity counter counts only the general-admission places: a seat is its own counter of one.
ALTER TABLE performances ADD COLUMN seat_map_id UUID REFERENCES seat_maps (id);

CREATE TABLE performance_seats (
  performance_id UUID NOT NULL REFERENCES performances (id),
  seat_id UUID NOT NULL REFERENCES seats (id),
  org_id UUID NOT NULL REFERENCES organisations (id),
  state TEXT NOT NULL DEFAULT 'free' CHECK (state IN ('free', 'held', 'leased', 'cart', 'sold', 'blocked')),
  -- terminal id (leased, cart) or staff id (held); see shared/seating/types.ts SeatStatus.
  holder TEXT,
  hold_kind TEXT CHECK (hold_kind IN ('house', 'press', 'kill')),
  expires_at TIMESTAMPTZ,
  -- leased: the seat lease; cart: the cart's id on that terminal; sold: the sale.
  lease_id UUID,
  cart_id TEXT,
  sale_id UUID,
  -- A sold seat that came from a lease goes back to it when refunded while the lease lasts.
  sold_from_lease UUID,
  -- Every change takes a position, so a terminal can ask for what changed since it last looked.
  change_pos BIGINT NOT NULL DEFAULT 0,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (performance_id, seat_id),
  CHECK ((state IN ('leased', 'cart', 'held')) = (holder IS NOT NULL)),
  CHECK ((state = 'held') = (hold_kind IS NOT NULL)),
  CHECK ((state = 'leased') = (lease_id IS NOT NULL)),
  CHECK ((state = 'cart') = (cart_id IS NOT NULL)),
  CHECK ((state = 'sold') = (sale_id IS NOT NULL))
);
CREATE INDEX performance_seats_changes ON performance_seats (performance_id, change_pos);
CREATE INDEX performance_seats_holder ON performance_seats (holder, state) WHERE holder IS NOT NULL;

-- How many seats a manager wants a terminal to hold for a performance offline, and where: e.g. 20 best
-- in Stalls (section null = anywhere, band null = any band).
CREATE TABLE seat_lease_plans (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  terminal_id UUID NOT NULL REFERENCES terminals (id),
  performance_id UUID NOT NULL REFERENCES performances (id),
  seats INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 10000),
  section_id UUID REFERENCES seat_sections (id),
  band TEXT,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (terminal_id, performance_id)
);

-- A grant of named seats to one terminal: taken when its shift opens, returned unsold when it closes,
-- and over at the performance's start. request_id makes acquire idempotent.
CREATE TABLE seat_leases (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  terminal_id UUID NOT NULL REFERENCES terminals (id),
  performance_id UUID NOT NULL REFERENCES performances (id),
  request_id UUID NOT NULL,
  granted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at TIMESTAMPTZ NOT NULL,
  returned_at TIMESTAMPTZ,
  UNIQUE (terminal_id, request_id)
);
CREATE INDEX seat_leases_terminal ON seat_leases (terminal_id, performance_id) WHERE returned_at IS NULL;

-- A pushed sale of a seat the terminal did not hold (only after a restore from backup): kept, never
-- merged silently, and reviewed by a manager.
ALTER TABLE review_items DROP CONSTRAINT review_items_kind_check;
ALTER TABLE review_items ADD CONSTRAINT review_items_kind_check
  CHECK (kind IN ('overuse_excess', 'quarantined', 'restore_detected', 'customer_overuse', 'approval_unproven',
    'overuse_cap_exceeded', 'duplicate_entry', 'seat_not_held'));
