-- docs/RESERVATIONS.md: reservations terminals pushed (reservation.create), and how each ended: picked
-- up (reservation.pickup, the sale follows in the same outbox), released by the terminal
-- (reservation.release: expired or cancelled), or expired by the server's own sweep. A held reservation
-- whose expiry has passed no longer counts, whether or not a sweep has recorded it yet.
CREATE TABLE pos_reservations (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  terminal_id UUID NOT NULL REFERENCES terminals (id),
  mutation_id UUID NOT NULL,
  reference TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  customer_name TEXT NOT NULL,
  customer_phone TEXT,
  customer_email TEXT,
  currency TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  total BIGINT NOT NULL CHECK (total >= 0),
  -- [{performanceId, priceId, ticketTypeId, name, detail, qty, unitPrice}] as the terminal recorded them.
  lines JSONB NOT NULL CHECK (jsonb_typeof(lines) = 'array'),
  -- The lease units the server counted as used for this hold: [{leaseId, counter, units}].
  escrow JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(escrow) = 'array'),
  expires_at TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  status TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'picked_up', 'expired', 'cancelled')),
  closed_at TIMESTAMPTZ,
  closed_reason TEXT,
  -- Who recorded the end: the terminal's pushed release or pickup, or the server's sweep.
  closed_by TEXT CHECK (closed_by IN ('terminal', 'server')),
  sale_id UUID,
  CHECK ((status = 'held') = (closed_at IS NULL)),
  UNIQUE (org_id, reference)
);
CREATE INDEX pos_reservations_held ON pos_reservations (org_id, status, expires_at);

-- Units held per performance, for capacity figures and the will-call list without unpacking JSON.
CREATE TABLE pos_reservation_units (
  reservation_id UUID NOT NULL REFERENCES pos_reservations (id),
  performance_id UUID NOT NULL,
  units BIGINT NOT NULL CHECK (units >= 1),
  PRIMARY KEY (reservation_id, performance_id)
);
CREATE INDEX pos_reservation_units_performance ON pos_reservation_units (performance_id);
