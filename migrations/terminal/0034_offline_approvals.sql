-- docs/CASH.md "Offline limits": past the terminal's minutes without the server, a supervisor's PIN
-- typed in on the seller's session lets the sale go, recorded as a signed approval of kind 'offline'.
-- The kind list is a CHECK: SQLite changes it only by rebuilding the table (as 0031 did).
CREATE TABLE approvals_new (
  id TEXT PRIMARY KEY NOT NULL,
  sale_id TEXT NOT NULL REFERENCES sales (id),
  kind TEXT NOT NULL CHECK (kind IN ('overuse', 'custom_discount', 'comp', 'offline')),
  approver_id TEXT NOT NULL REFERENCES staff (id),
  reason TEXT NOT NULL,
  -- JSON array: the engine's reason codes an overuse bypassed, the line ids a comp gave away, or
  -- ["OFFLINE_TOO_LONG"] for an offline sale.
  limits TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  signature TEXT,
  -- The cashier's note beside the listed reason (0032).
  note TEXT
) STRICT;
INSERT INTO approvals_new SELECT id, sale_id, kind, approver_id, reason, limits, created_at, signature, note
  FROM approvals;
DROP TABLE approvals;
ALTER TABLE approvals_new RENAME TO approvals;
CREATE INDEX approvals_overuse_approver ON approvals (approver_id, created_at) WHERE kind = 'overuse';
