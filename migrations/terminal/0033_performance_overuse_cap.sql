-- docs/CASH.md "Overuse caps", "Per performance": the cap on overuses granted on a performance's sales
-- per business day, as the server's pull carries it (null: no cap).
ALTER TABLE performances ADD COLUMN overuse_cap INTEGER CHECK (overuse_cap IS NULL OR overuse_cap BETWEEN 0 AND 10000);
