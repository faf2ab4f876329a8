-- Overuse caps per role (issue 15, docs/SECURITY.md "Overuse caps"): the most overuse grants a holder
-- of the role may give per business day; NULL is no cap, so existing roles keep granting as before.
ALTER TABLE roles ADD COLUMN overuse_cap INTEGER CHECK (overuse_cap >= 0);

-- A pushed sale whose supervisor had used up their cap that day is kept (the money was taken) and a
-- manager reviews it.
ALTER TABLE review_items DROP CONSTRAINT review_items_kind_check;
ALTER TABLE review_items ADD CONSTRAINT review_items_kind_check
  CHECK (kind IN ('overuse_excess', 'quarantined', 'restore_detected', 'customer_overuse', 'approval_unproven',
    'overuse_cap_exceeded'));

-- Counting one supervisor's grants in a business day (the online refusal and the pushed sale's review).
CREATE INDEX redemptions_overuse_grantor ON redemptions (org_id, overuse_granted_by, redeemed_at)
  WHERE overuse_granted_by IS NOT NULL;
