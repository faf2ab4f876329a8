-- Lookups a full catalogue pull makes for every code it may drop: does a child, a sale or a
-- redemption still point at this code? Without these, 100,000 generated children make that check
-- quadratic.
CREATE INDEX codes_parent ON codes (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX sales_code ON sales (code_id) WHERE code_id IS NOT NULL;
