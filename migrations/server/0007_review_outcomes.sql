-- Two ways a review item closes besides a manager's accept or flag (shared/sync/DECISIONS.md):
-- voided: the terminal voided or refunded the sale, which gave the whole overuse excess back;
-- applied: a manager retried a quarantined mutation once its cause was fixed, and it was applied.
ALTER TABLE review_items DROP CONSTRAINT review_items_status_check;
ALTER TABLE review_items ADD CONSTRAINT review_items_status_check
  CHECK (status IN ('open', 'accepted', 'flagged', 'voided', 'applied'));

-- A quarantined mutation stays kept whole; these say when and by whom a retry applied it (NULL: it is
-- still quarantined). Its mutation id is then logged as applied, so it is never applied twice.
ALTER TABLE quarantined_mutations ADD COLUMN applied_at TIMESTAMPTZ;
ALTER TABLE quarantined_mutations ADD COLUMN applied_by UUID REFERENCES staff (id);
ALTER TABLE quarantined_mutations ADD CONSTRAINT quarantined_mutations_applied_check
  CHECK ((applied_at IS NULL) = (applied_by IS NULL));
