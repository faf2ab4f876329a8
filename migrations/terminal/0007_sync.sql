-- Offline sync with the central server (SYNC.md, shared/sync/DECISIONS.md): the enrolment, escrow
-- leases and what the terminal last learned from the server.

-- One row once the terminal is enrolled; no row = standalone.
CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
  terminal_id TEXT NOT NULL,
  terminal_name TEXT NOT NULL,
  epoch INTEGER NOT NULL CHECK (epoch >= 1),
  -- On a real deployment the Electron shell should seal it with safeStorage (DECISIONS.md).
  device_token TEXT NOT NULL,
  venue_id TEXT NOT NULL,
  -- Opaque pull position; NULL asks for a full snapshot.
  cursor TEXT,
  -- 1 while the pages of a full snapshot are being applied: rows not seen are dropped at its end.
  resetting INTEGER NOT NULL DEFAULT 0 CHECK (resetting IN (0, 1)),
  state TEXT NOT NULL CHECK (state IN ('enrolled', 'restore_detected')),
  -- Highest outbox seq the server acknowledged in this epoch.
  pushed_through INTEGER NOT NULL DEFAULT 0 CHECK (pushed_through >= 0),
  -- pushed_through when the last completed pull began: the pulled usage counts every sale up to it.
  usage_through INTEGER NOT NULL DEFAULT 0 CHECK (usage_through >= 0),
  last_push_at TEXT,
  last_pull_at TEXT,
  last_error TEXT,
  -- Latest wall clock seen (ms since the epoch); a clock behind it expires every lease.
  clock_high_water INTEGER NOT NULL CHECK (clock_high_water >= 0),
  enrolled_at TEXT NOT NULL
) STRICT;

-- The server's LeaseView plus what this terminal has spent. `status` is the terminal's own: a lease
-- is spent only while 'active'; 'returned' and 'expired' mean a lease.return is in the outbox.
CREATE TABLE leases (
  id TEXT PRIMARY KEY NOT NULL,
  counter TEXT NOT NULL,
  request_id TEXT NOT NULL UNIQUE,
  epoch INTEGER NOT NULL CHECK (epoch >= 1),
  granted INTEGER NOT NULL CHECK (granted >= 0),
  server_used INTEGER NOT NULL DEFAULT 0 CHECK (server_used >= 0),
  server_returned INTEGER NOT NULL DEFAULT 0 CHECK (server_returned >= 0),
  server_status TEXT NOT NULL CHECK (server_status IN ('active', 'returned', 'expired', 'void')),
  expires_at TEXT NOT NULL,
  used INTEGER NOT NULL DEFAULT 0 CHECK (used >= 0),
  status TEXT NOT NULL CHECK (status IN ('active', 'returned', 'expired', 'void')),
  closed_at TEXT,
  CHECK (used <= granted)
) STRICT;
CREATE INDEX leases_active ON leases (counter, expires_at) WHERE status = 'active';

-- An acquire is recorded before it is sent, so a crash or a lost answer retries the same requestId
-- and the server's idempotency hands back the same lease instead of a second one.
CREATE TABLE lease_requests (
  request_id TEXT PRIMARY KEY NOT NULL,
  counter TEXT NOT NULL UNIQUE,
  want INTEGER NOT NULL CHECK (want >= 1),
  epoch INTEGER NOT NULL CHECK (epoch >= 1),
  created_at TEXT NOT NULL
) STRICT;

-- The server's counted usage of each code at the last pull.
CREATE TABLE code_usage (
  code_id TEXT PRIMARY KEY NOT NULL,
  uses INTEGER NOT NULL CHECK (uses >= 0),
  item_uses INTEGER NOT NULL CHECK (item_uses >= 0),
  discount_given INTEGER NOT NULL CHECK (discount_given >= 0)
) STRICT;

-- Generated child codes as the server sends them; their `codes` rows are materialised from the
-- parent's terms, and again whenever the parent changes (it may arrive after its children).
CREATE TABLE code_children (
  id TEXT PRIMARY KEY NOT NULL,
  code TEXT NOT NULL,
  parent_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'disabled', 'deleted'))
) STRICT;
CREATE INDEX code_children_parent ON code_children (parent_id);

-- What each sale took from the escrow, so a void or a refund gives units back to the same leases.
-- lease_id NULL: units used without a lease (a supervisor's overuse grant).
CREATE TABLE sale_escrow (
  id INTEGER PRIMARY KEY NOT NULL,
  sale_id TEXT NOT NULL REFERENCES sales (id),
  counter TEXT NOT NULL,
  lease_id TEXT REFERENCES leases (id),
  units INTEGER NOT NULL CHECK (units >= 0),
  given_back INTEGER NOT NULL DEFAULT 0 CHECK (given_back >= 0),
  CHECK (given_back <= units)
) STRICT;
CREATE INDEX sale_escrow_sale ON sale_escrow (sale_id);

-- The outbox seq of each redemption (and of the void that released it), so usage can add what the
-- server had not yet counted at the last pull.
CREATE TABLE redemption_sync (
  redemption_id TEXT PRIMARY KEY NOT NULL REFERENCES redemptions (id),
  code_id TEXT NOT NULL,
  sale_seq INTEGER NOT NULL CHECK (sale_seq >= 1),
  release_seq INTEGER CHECK (release_seq >= 1)
) STRICT;
CREATE INDEX redemption_sync_code ON redemption_sync (code_id, sale_seq);

-- Ids seen while a full snapshot is applied (see sync_state.resetting).
CREATE TABLE sync_seen (
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  PRIMARY KEY (entity, id)
) STRICT;
