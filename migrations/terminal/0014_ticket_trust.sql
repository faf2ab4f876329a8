-- docs/TICKETS.md "Trust": what a door needs to check a ticket offline, as the server's pull sends it.
-- ticket_keys: every ticket signing key of the organisation's terminals, replaced whole on each pull;
-- revoked_at is the terminal's revocation (tickets it signed after that are not trusted).
CREATE TABLE ticket_keys (
  key_id TEXT PRIMARY KEY NOT NULL CHECK (length(key_id) = 16 AND key_id NOT GLOB '*[^0-9a-f]*'),
  public_key TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  revoked_at TEXT
) STRICT;

-- Tickets the server voided or reissued. A door looks up every scan here by primary key; rows only
-- ever arrive (a void is never undone), so a full snapshot drops none.
CREATE TABLE ticket_revocations (
  ticket_id TEXT PRIMARY KEY NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('void', 'reissued')),
  changed_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
