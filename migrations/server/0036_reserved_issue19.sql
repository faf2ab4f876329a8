-- Placeholder: this number belongs to another issue-19 branch (i19-over was given terminal 0030 and
-- server 0037, and migrations may have no gaps). Delete this file when that branch's migration merges.
SELECT 1;
