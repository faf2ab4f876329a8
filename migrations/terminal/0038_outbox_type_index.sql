-- The waiting sales, refunds and voids are counted for every status and every pull
-- (sync-repo.ts countPendingSales). Counted from the outbox itself, that reads every waiting row with
-- its payload: after a busy day offline, once per batch pushed. This index holds the two columns the
-- count needs.
CREATE INDEX outbox_type_seq ON outbox (type, seq);
