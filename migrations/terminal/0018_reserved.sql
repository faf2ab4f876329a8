-- Placeholder for migration 0018, which another change owns. The journal's 0019 needs an unbroken
-- numbering to run; drop this file when the real 0018 lands (it was never shipped).
SELECT 1;
