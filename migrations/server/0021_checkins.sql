-- docs/TICKETS.md "At the door": every admission a door records. One admitted entry per ticket (the
-- partial unique index makes the first one win atomically, online or pushed); an entry that arrives for a
-- ticket already admitted elsewhere (two doors offline) is kept, not admitted, beside a review item.
CREATE TABLE checkins (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  ticket_id UUID NOT NULL,
  performance_id TEXT NOT NULL CHECK (length(performance_id) BETWEEN 1 AND 100),
  door TEXT NOT NULL CHECK (length(door) BETWEEN 1 AND 60),
  -- Who admitted: a terminal in Door mode (with its signed-in staff) or a staff session of a scanner.
  terminal_id UUID REFERENCES terminals (id),
  staff_id TEXT,
  admitted BOOLEAN NOT NULL,
  entered_at TIMESTAMPTZ NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX checkins_first_entry ON checkins (org_id, ticket_id) WHERE admitted;
CREATE INDEX checkins_performance ON checkins (org_id, performance_id, door) WHERE admitted;

ALTER TABLE review_items DROP CONSTRAINT review_items_kind_check;
ALTER TABLE review_items ADD CONSTRAINT review_items_kind_check
  CHECK (kind IN ('overuse_excess', 'quarantined', 'restore_detected', 'customer_overuse', 'approval_unproven',
    'overuse_cap_exceeded', 'duplicate_entry'));
