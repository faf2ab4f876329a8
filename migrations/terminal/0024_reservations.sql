-- docs/RESERVATIONS.md: phone bookings held for a customer until an expiry. Held units count in
-- performance_sold like sold ones while the reservation is held, and take their seats from the
-- terminal's capacity leases (reservation_escrow) in the reservation's own transaction.
CREATE TABLE reservations (
  id TEXT PRIMARY KEY NOT NULL,
  reference TEXT NOT NULL UNIQUE,
  terminal_id TEXT NOT NULL,
  staff_id TEXT NOT NULL REFERENCES staff (id),
  customer_name TEXT NOT NULL CHECK (length(customer_name) >= 1),
  customer_phone TEXT,
  customer_email TEXT,
  -- The cart's customer as it was (CustomerInput JSON), so a pickup prices for the same customer.
  customer TEXT NOT NULL CHECK (json_valid(customer)),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  total INTEGER NOT NULL CHECK (total >= 0),
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'picked_up', 'expired', 'cancelled')),
  -- Set when the status leaves 'held': when, why, and (a pickup) the sale it became.
  closed_at TEXT,
  closed_reason TEXT,
  sale_id TEXT,
  CHECK (customer_phone IS NOT NULL OR customer_email IS NOT NULL),
  CHECK ((status = 'held') = (closed_at IS NULL)),
  CHECK ((status = 'picked_up') = (sale_id IS NOT NULL))
) STRICT;
CREATE INDEX reservations_status ON reservations (status, expires_at);

CREATE TABLE reservation_lines (
  id TEXT PRIMARY KEY NOT NULL,
  reservation_id TEXT NOT NULL REFERENCES reservations (id),
  position INTEGER NOT NULL CHECK (position >= 0),
  performance_id TEXT NOT NULL,
  price_id TEXT NOT NULL,
  ticket_type_id TEXT,
  name TEXT NOT NULL,
  detail TEXT NOT NULL,
  qty INTEGER NOT NULL CHECK (qty >= 1),
  -- The price per unit when reserved (minor units): the pickup sells at this price.
  unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
  UNIQUE (reservation_id, position)
) STRICT;
CREATE INDEX reservation_lines_performance ON reservation_lines (performance_id);

-- The lease units a held reservation took; given back to the same leases when it ends.
CREATE TABLE reservation_escrow (
  id INTEGER PRIMARY KEY NOT NULL,
  reservation_id TEXT NOT NULL REFERENCES reservations (id),
  counter TEXT NOT NULL,
  lease_id TEXT REFERENCES leases (id),
  units INTEGER NOT NULL CHECK (units >= 1)
) STRICT;
CREATE INDEX reservation_escrow_reservation ON reservation_escrow (reservation_id);
