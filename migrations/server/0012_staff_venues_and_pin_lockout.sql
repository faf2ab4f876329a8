-- Where each person works, and the PIN lockout per person across terminals (docs/SECURITY.md).

-- A staff member's PIN verifier reaches only the terminals of the venues they work at. Everyone who
-- exists now works at every venue of their organisation, so nothing changes for current data.
CREATE TABLE staff_venues (
  org_id UUID NOT NULL REFERENCES organisations (id),
  staff_id UUID NOT NULL REFERENCES staff (id),
  venue_id UUID NOT NULL REFERENCES venues (id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (staff_id, venue_id)
);
CREATE INDEX staff_venues_venue ON staff_venues (venue_id);
INSERT INTO staff_venues (org_id, staff_id, venue_id)
SELECT s.org_id, s.id, v.id FROM staff s JOIN venues v ON v.org_id = s.org_id;

-- Wrong PINs at any terminal, as the terminals report them through push. pin_last_failure_at orders a
-- success against failures: a success clears only failures that happened before it.
ALTER TABLE staff ADD COLUMN pin_failures INTEGER NOT NULL DEFAULT 0 CHECK (pin_failures >= 0);
ALTER TABLE staff ADD COLUMN pin_locked_until TIMESTAMPTZ;
ALTER TABLE staff ADD COLUMN pin_last_failure_at TIMESTAMPTZ;

-- How many digits the PIN had when it was set, so a role change that needs a longer PIN can be refused
-- (the hash cannot tell). NULL: set before this migration, length unknown. Never leaves the server.
ALTER TABLE staff ADD COLUMN pin_digits SMALLINT CHECK (pin_digits BETWEEN 1 AND 64);
