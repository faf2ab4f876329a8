-- Every record a manager edits in the back office carries a version, bumped by each update, so an edit
-- made from a stale copy is refused instead of overwriting another manager's change. Codes have had one
-- from the start.
ALTER TABLE venues ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE performances ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE price_bands ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE ticket_types ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE ticket_prices ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE products ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE staff ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE roles ADD COLUMN version integer NOT NULL DEFAULT 1;
