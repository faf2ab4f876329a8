-- Placeholder for migration 0023, which another change owns. The journal's 0024 needs an unbroken
-- numbering to run; drop this file when the real 0023 lands (it was never shipped).
SELECT 1;
