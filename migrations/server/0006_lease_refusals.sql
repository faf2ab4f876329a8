-- A lease request the pool could not grant anything for. Recording it keeps acquire idempotent by
-- requestId when nothing was granted: a delayed copy of the request must not grant a lease later that
-- the terminal has already given up on (its units would sit stranded until the next pull).
CREATE TABLE escrow_refusals (
  org_id UUID NOT NULL REFERENCES organisations (id),
  terminal_id UUID NOT NULL REFERENCES terminals (id),
  request_id UUID NOT NULL,
  counter TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (terminal_id, request_id)
);
