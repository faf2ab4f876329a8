-- docs/TICKETS.md "Printing tickets": the layout each event's tickets print in, pulled with the event
-- (shared/sync/protocol.ts EventChange) as ticketLayoutSchema JSON. No row: the default layout. Its own
-- table, so the events rows the screens and the sync digest read keep their shape.
CREATE TABLE event_ticket_layouts (
  event_id TEXT PRIMARY KEY NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  layout TEXT NOT NULL CHECK (json_valid(layout) AND json_type(layout) = 'object')
) STRICT;
