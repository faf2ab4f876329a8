-- The synced catalogue: what this terminal sells. Money is INTEGER minor units; rates are basis points.
CREATE TABLE venues (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  timezone TEXT NOT NULL
) STRICT;

CREATE TABLE events (
  id TEXT PRIMARY KEY NOT NULL,
  venue_id TEXT NOT NULL REFERENCES venues (id),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  category TEXT
) STRICT;

CREATE TABLE performances (
  id TEXT PRIMARY KEY NOT NULL,
  event_id TEXT NOT NULL REFERENCES events (id),
  starts_at TEXT NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity >= 0),
  status TEXT NOT NULL CHECK (status IN ('on_sale', 'off_sale', 'cancelled'))
) STRICT;
CREATE INDEX performances_event ON performances (event_id, starts_at);

CREATE TABLE price_bands (
  id TEXT PRIMARY KEY NOT NULL,
  event_id TEXT NOT NULL REFERENCES events (id),
  name TEXT NOT NULL
) STRICT;

CREATE TABLE ticket_types (
  id TEXT PRIMARY KEY NOT NULL,
  event_id TEXT NOT NULL REFERENCES events (id),
  name TEXT NOT NULL
) STRICT;

CREATE TABLE ticket_prices (
  id TEXT PRIMARY KEY NOT NULL,
  event_id TEXT NOT NULL REFERENCES events (id),
  performance_id TEXT REFERENCES performances (id),
  ticket_type_id TEXT NOT NULL REFERENCES ticket_types (id),
  price_band_id TEXT NOT NULL REFERENCES price_bands (id),
  unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
  vat_rate INTEGER NOT NULL CHECK (vat_rate >= 0)
) STRICT;
CREATE INDEX ticket_prices_event ON ticket_prices (event_id, performance_id);

CREATE TABLE products (
  id TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('addon', 'merch', 'fee')),
  name TEXT NOT NULL,
  unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
  vat_rate INTEGER NOT NULL CHECK (vat_rate >= 0),
  category TEXT,
  inventory_item_id TEXT,
  event_id TEXT REFERENCES events (id)
) STRICT;
