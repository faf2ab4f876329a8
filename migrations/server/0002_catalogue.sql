-- What a ticket window sells (shared/catalogue/types.ts). Money in minor units, VAT in basis points.
CREATE TABLE events (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  venue_id UUID NOT NULL REFERENCES venues (id),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  category TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX events_org ON events (org_id);

CREATE TABLE performances (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  event_id UUID NOT NULL REFERENCES events (id),
  starts_at TIMESTAMPTZ NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity >= 0),
  status TEXT NOT NULL CHECK (status IN ('on_sale', 'off_sale', 'cancelled')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX performances_event ON performances (event_id);

CREATE TABLE price_bands (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  event_id UUID NOT NULL REFERENCES events (id),
  name TEXT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX price_bands_event ON price_bands (event_id);

CREATE TABLE ticket_types (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  event_id UUID NOT NULL REFERENCES events (id),
  name TEXT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ticket_types_event ON ticket_types (event_id);

-- A performance-specific price overrides the event-wide one (performance_id NULL).
CREATE TABLE ticket_prices (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  event_id UUID NOT NULL REFERENCES events (id),
  performance_id UUID REFERENCES performances (id),
  ticket_type_id UUID NOT NULL REFERENCES ticket_types (id),
  price_band_id UUID NOT NULL REFERENCES price_bands (id),
  unit_price BIGINT NOT NULL CHECK (unit_price >= 0),
  vat_rate INTEGER NOT NULL CHECK (vat_rate BETWEEN 0 AND 10000),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ticket_prices_unique
  ON ticket_prices (event_id, COALESCE(performance_id, '00000000-0000-0000-0000-000000000000'), ticket_type_id, price_band_id);

CREATE TABLE products (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  kind TEXT NOT NULL CHECK (kind IN ('addon', 'merch', 'fee')),
  name TEXT NOT NULL,
  unit_price BIGINT NOT NULL CHECK (unit_price >= 0),
  vat_rate INTEGER NOT NULL CHECK (vat_rate BETWEEN 0 AND 10000),
  category TEXT,
  inventory_item_id TEXT,
  event_id UUID REFERENCES events (id),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX products_org ON products (org_id);
