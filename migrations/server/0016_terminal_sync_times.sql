-- When the server last heard from each terminal, for the back office's Terminals screen (issue 15):
-- last_push_at is the end of its latest push batch (its sales reach the server that way), last_pull_at
-- its latest pull. NULL: never since this migration. The server cannot see sales a terminal holds and
-- has not pushed; these say how stale its picture of the terminal is.
ALTER TABLE terminals ADD COLUMN last_push_at TIMESTAMPTZ;
ALTER TABLE terminals ADD COLUMN last_pull_at TIMESTAMPTZ;
