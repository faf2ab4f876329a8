-- Overuse caps per role (docs/SECURITY.md "Overuse caps"), pulled with the role: the most overuse grants
-- a holder may give per business day. NULL is no cap, as for every role pulled before.
ALTER TABLE roles ADD COLUMN overuse_cap INTEGER CHECK (overuse_cap >= 0);

-- Counting one supervisor's grants on this terminal in a business day, at each grant.
CREATE INDEX approvals_overuse_approver ON approvals (approver_id, created_at) WHERE kind = 'overuse';
