-- docs/CASH.md "Refunding a sold voucher": a refund that voids a voucher with less than its face value
-- left keeps the refund and goes to review.
ALTER TABLE review_items DROP CONSTRAINT review_items_kind_check;
ALTER TABLE review_items ADD CONSTRAINT review_items_kind_check
  CHECK (kind IN ('overuse_excess', 'quarantined', 'restore_detected', 'customer_overuse', 'approval_unproven',
    'overuse_cap_exceeded', 'duplicate_entry', 'seat_not_held', 'cash_unpermitted', 'voucher_overspent',
    'voucher_unknown', 'voucher_refunded_spent'));
