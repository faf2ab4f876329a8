-- The server's view of a person's wrong PINs across all terminals, as last pulled (docs/SECURITY.md,
-- "PINs and offline guessing"). Kept apart from this terminal's own failed_attempts/locked_until, so a
-- stale pull can never unlock someone this terminal locked: a sign-in is refused while either lock
-- holds, and counts towards the lock from whichever count is higher.
ALTER TABLE staff ADD COLUMN server_pin_failures INTEGER NOT NULL DEFAULT 0 CHECK (server_pin_failures >= 0);
ALTER TABLE staff ADD COLUMN server_pin_locked_until TEXT;
