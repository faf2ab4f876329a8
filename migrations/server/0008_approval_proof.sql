-- docs/SECURITY.md "Overuse proof": each enrolment of a terminal registers the public half of the
-- Ed25519 key it signs approvals with. One row per epoch: a terminal re-registered after a restore
-- pushes its outbox again, and approvals it signed under the earlier epoch still verify.
CREATE TABLE terminal_signing_keys (
  terminal_id UUID NOT NULL REFERENCES terminals (id),
  epoch INTEGER NOT NULL CHECK (epoch >= 1),
  public_key TEXT NOT NULL CHECK (public_key ~ '^[A-Za-z0-9_-]{43}$'),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (terminal_id, epoch)
);

-- A pushed approval that could not be proven (no key, a bad signature, an approver who may not give
-- it): the sale is kept, the approval is not honoured, and a manager reviews it.
ALTER TABLE review_items DROP CONSTRAINT review_items_kind_check;
ALTER TABLE review_items ADD CONSTRAINT review_items_kind_check
  CHECK (kind IN ('overuse_excess', 'quarantined', 'restore_detected', 'customer_overuse', 'approval_unproven'));
