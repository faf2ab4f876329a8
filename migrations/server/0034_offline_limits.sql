-- docs/CASH.md "Offline limits": per terminal, the largest sale it may make while the server does not
-- answer, and how long it may go without the server before each sale needs a supervisor. NULL: no limit,
-- as before this migration. Every pull carries them to the terminal.
ALTER TABLE terminals
  ADD COLUMN offline_max_sale BIGINT CHECK (offline_max_sale BETWEEN 1 AND 1000000000),
  ADD COLUMN offline_max_minutes INTEGER CHECK (offline_max_minutes BETWEEN 1 AND 10080);
