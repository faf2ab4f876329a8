-- docs/TICKETS.md "Printing tickets": the layout an event's tickets print in (which optional facts in
-- which order, a logo, free text), as ticketLayoutSchema (shared/tickets/layout.ts) checked it; null
-- prints them with the default. A change to it takes the event a new change position, so terminals pull
-- it with the event.
ALTER TABLE events
  ADD COLUMN ticket_layout JSONB CHECK (ticket_layout IS NULL OR jsonb_typeof(ticket_layout) = 'object');
