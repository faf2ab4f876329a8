-- docs/ORDERS.md "Refunds at another window": a terminal about to refund another terminal's sale first
-- claims the units here, so no other terminal gives them back while its refund travels to the server. A
-- claim lapses at expires_at; the refund that arrives consumes it. One claim per unit.
CREATE TABLE refund_claims (
  org_id UUID NOT NULL REFERENCES organisations (id),
  sale_id UUID NOT NULL REFERENCES pos_sales (id),
  line_id TEXT NOT NULL,
  unit_index INTEGER NOT NULL CHECK (unit_index >= 0),
  claim_id UUID NOT NULL,
  terminal_id UUID NOT NULL REFERENCES terminals (id),
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL CHECK (expires_at > created_at),
  PRIMARY KEY (sale_id, line_id, unit_index)
);
