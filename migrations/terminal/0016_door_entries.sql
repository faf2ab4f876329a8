-- docs/TICKETS.md "Door mode": the entries this terminal's door admitted, and the door it keeps open.
-- door_entries holds admitted entries only (a refusal is never recorded), so one row per ticket: the
-- unique index is "first entry wins" on this terminal. source says who decided: the server (online,
-- already recorded there) or this terminal alone (offline, sent as a `checkin` mutation in the same
-- transaction). ticket_id and performance_id have no foreign keys: a door admits tickets other
-- terminals sold, for performances that may leave the pulled catalogue.
CREATE TABLE door_entries (
  id TEXT PRIMARY KEY NOT NULL,
  ticket_id TEXT NOT NULL,
  performance_id TEXT NOT NULL,
  door TEXT NOT NULL CHECK (length(door) BETWEEN 1 AND 60),
  staff_id TEXT NOT NULL,
  at TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('online', 'offline'))
) STRICT;
CREATE UNIQUE INDEX door_entries_one_per_ticket ON door_entries (ticket_id);
CREATE INDEX door_entries_performance ON door_entries (performance_id, door);

-- The door this terminal keeps open (one at a time), so a restart or a new sign-in comes back to it.
CREATE TABLE door_state (
  id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
  door TEXT NOT NULL CHECK (length(door) BETWEEN 1 AND 60),
  performance_ids TEXT NOT NULL CHECK (json_valid(performance_ids) AND json_type(performance_ids) = 'array'),
  opened_by TEXT NOT NULL,
  opened_at TEXT NOT NULL
) STRICT;
