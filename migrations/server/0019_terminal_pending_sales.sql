-- How many sales a terminal holds that the server has not acknowledged, as the terminal counted them at
-- its latest pull (last_pull_at says when). The server cannot see those sales until they are pushed; the
-- count lets the back office's Terminals screen show a window that is falling behind. NULL: the terminal
-- has not said yet.
ALTER TABLE terminals ADD COLUMN pending_sales integer CHECK (pending_sales >= 0);
