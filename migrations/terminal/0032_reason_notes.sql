-- docs/CASH.md "Reasons": a custom discount, an overuse, a refund and a void take a reason from the
-- organisation's list and, beside it, an optional note in the cashier's words. The reason column keeps
-- the listed label (so reports group by it); the note has its own column. Rows recorded before keep
-- their free-text reason and no note.
ALTER TABLE sales ADD COLUMN custom_note TEXT;
ALTER TABLE approvals ADD COLUMN note TEXT;
ALTER TABLE refunds ADD COLUMN note TEXT;
ALTER TABLE remote_refunds ADD COLUMN note TEXT;
