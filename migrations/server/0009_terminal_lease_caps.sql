-- How much of each capped counter one terminal may hold in unused lease units at once, as a percent of
-- the counter's limit (docs/SYNC.md "Per-terminal cap"). NULL: the server's default share. A manager
-- raises it for a terminal that must sell a larger part of a show offline (a venue's only till).
ALTER TABLE terminals ADD COLUMN lease_cap_percent INTEGER
  CHECK (lease_cap_percent BETWEEN 1 AND 100);
