-- docs/SEATING.md "At the window (terminal)": reserved seating on the terminal. A seated ticket takes
-- its seat and no unit of the capacity counter; the seat is held by this terminal's cart on the server
-- (online) or by a seat lease (offline), and the sold unit names its seat.

-- The terminal's copy of each seat map a performance it sells uses, pulled whole (entity 'seatMap').
CREATE TABLE seat_maps (
  id TEXT PRIMARY KEY NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  -- The SeatMap (shared/seating/types.ts) as JSON: drawn and searched whole, never queried by column.
  map TEXT NOT NULL CHECK (json_valid(map))
) STRICT;

-- The map a performance uses; null: unseated. Not a foreign key: pull may bring the performance
-- before its map, and a map is only ever read through its performance.
ALTER TABLE performances ADD COLUMN seat_map_id TEXT;

-- What this terminal last learnt of each seat's state (GET /v1/sync/seats, and its own sales and
-- leases); offline it is all the terminal knows.
CREATE TABLE seat_status (
  performance_id TEXT NOT NULL,
  seat_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('free', 'held', 'leased', 'cart', 'sold', 'blocked')),
  holder TEXT,
  hold_kind TEXT CHECK (hold_kind IS NULL OR hold_kind IN ('house', 'press', 'kill')),
  expires_at TEXT,
  PRIMARY KEY (performance_id, seat_id)
) STRICT;

-- The server's change position the cache is complete up to, per performance: the next look asks
-- only for what changed since.
CREATE TABLE seat_status_pos (
  performance_id TEXT PRIMARY KEY NOT NULL,
  map_version INTEGER NOT NULL CHECK (map_version >= 1),
  change_pos INTEGER NOT NULL CHECK (change_pos >= 0),
  fetched_at TEXT NOT NULL
) STRICT;

-- Seats this terminal holds by a seat lease (escrow for named seats), one row per seat. A row sold
-- here names its sale; returned_at is set when the terminal stopped using it (returned or expired).
CREATE TABLE seat_leases (
  id TEXT NOT NULL,
  performance_id TEXT NOT NULL,
  seat_id TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  sale_id TEXT,
  returned_at TEXT,
  PRIMARY KEY (id, seat_id)
) STRICT;
CREATE INDEX seat_leases_seat ON seat_leases (performance_id, seat_id);

-- The acquire request in flight: made and stored before it is sent, so an answer lost on the wire is
-- asked for again with the same id (the server grants once per id).
CREATE TABLE seat_lease_requests (
  request_id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- The seat a sold unit took, and its printed label ("Stalls, row B, seat 12"); null: unseated.
ALTER TABLE sale_units ADD COLUMN seat_id TEXT;
ALTER TABLE sale_units ADD COLUMN seat_label TEXT;
CREATE INDEX sale_units_seat ON sale_units (seat_id) WHERE seat_id IS NOT NULL;
