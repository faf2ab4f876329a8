-- docs/CASH.md "On the server": a pushed cash movement whose staff member's role does not hold the
-- permission it needs is stored (the drawer did move, and the shift must add up) and goes to review.
ALTER TABLE review_items DROP CONSTRAINT review_items_kind_check;
ALTER TABLE review_items ADD CONSTRAINT review_items_kind_check
  CHECK (kind IN ('overuse_excess', 'quarantined', 'restore_detected', 'customer_overuse', 'approval_unproven',
    'overuse_cap_exceeded', 'duplicate_entry', 'seat_not_held', 'cash_unpermitted'));
