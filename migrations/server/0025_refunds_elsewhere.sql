-- docs/ORDERS.md "Refunds at another window": a refund or void made at another terminal than the
-- sale's travels to the sale's terminal by pull, so that terminal never gives the same unit back twice
-- and its journal shows it. Such a refund takes a change position when it is recorded; a refund at the
-- sale's own terminal takes none (that terminal made it).
ALTER TABLE pos_refunds ADD COLUMN sale_terminal_id UUID REFERENCES terminals (id);
ALTER TABLE pos_refunds ADD COLUMN change_pos BIGINT;
ALTER TABLE pos_refunds ADD CONSTRAINT pos_refunds_elsewhere
  CHECK ((change_pos IS NULL) = (sale_terminal_id IS NULL));
-- Pull pages them by (change_pos, id) per organisation, as it pages revoked tickets.
CREATE INDEX pos_refunds_pull ON pos_refunds (org_id, change_pos, id) WHERE change_pos IS NOT NULL;
