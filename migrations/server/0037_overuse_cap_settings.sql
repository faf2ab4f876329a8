-- docs/CASH.md "Overuse caps": the caps on overuse grants become settings a manager changes.
-- A terminal's cap on its grants per business day, all supervisors together. Terminals enrolled before
-- this migration, and new ones, start at 20, the cap every terminal had in code; NULL: no cap.
ALTER TABLE terminals ADD COLUMN overuse_cap INTEGER DEFAULT 20 CHECK (overuse_cap BETWEEN 0 AND 10000);
-- A staff member's own cap per business day, in place of their role's; NULL: their role's cap.
ALTER TABLE staff ADD COLUMN overuse_cap INTEGER CHECK (overuse_cap BETWEEN 0 AND 10000);
