-- Change positions without an organisation-wide lock (docs/SYNC.md "Change positions").
-- A write's position is its transaction id plus this offset; a pull reads only below the oldest
-- transaction still running, so a position can never appear behind a cursor that has passed it.
-- The offset starts every new position above every position handed out by the old counter, whose
-- last_pos is the largest an organisation ever had.
CREATE TABLE sync_clock (
  one BOOLEAN PRIMARY KEY DEFAULT true CHECK (one),
  xid_offset BIGINT NOT NULL CHECK (xid_offset >= 0)
);
INSERT INTO sync_clock (xid_offset)
SELECT greatest(0, coalesce(max(last_pos), 0) + 1 - pg_current_xact_id()::text::bigint)
FROM sync_positions;
-- The counter is no longer written; the row keeps the organisation's generation.
COMMENT ON COLUMN sync_positions.last_pos IS 'unused since 0042: positions come from sync_clock';
