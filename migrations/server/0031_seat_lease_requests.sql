-- docs/SEATING.md "Offline: seat leases": one acquire request tops up every plan of its terminal, so it
-- makes one lease per performance, and the request itself is remembered with the plans it could not
-- fill: a resent request grants nothing more and gets the same refusals back.
ALTER TABLE seat_leases DROP CONSTRAINT seat_leases_terminal_id_request_id_key;
ALTER TABLE seat_leases ADD CONSTRAINT seat_leases_request UNIQUE (terminal_id, request_id, performance_id);

CREATE TABLE seat_lease_requests (
  terminal_id UUID NOT NULL REFERENCES terminals (id),
  request_id UUID NOT NULL,
  org_id UUID NOT NULL REFERENCES organisations (id),
  -- [{performanceId, message}] as the first answer gave them.
  refusals JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(refusals) = 'array'),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (terminal_id, request_id)
);

-- A lease's seats, for its return and for the release rule of a refund.
CREATE INDEX performance_seats_lease ON performance_seats (lease_id) WHERE lease_id IS NOT NULL;
