-- docs/CASH.md "Overuse caps": a staff member's own cap on overuse grants per business day, pulled with
-- them; NULL: their role's cap. (The terminal's own cap travels in terminal_meta, as its offline limits do.)
ALTER TABLE staff ADD COLUMN overuse_cap INTEGER CHECK (overuse_cap BETWEEN 0 AND 10000);
