-- docs/CASH.md "Training mode": a manager puts a whole terminal in training from the back office (PUT
-- /v1/terminals/:id/training). Every pull carries it, so the terminal keeps to it offline. No terminal
-- is in training until a manager says so; the terminal's own switch and the staff field stay as they are.
ALTER TABLE terminals ADD COLUMN training BOOLEAN NOT NULL DEFAULT false;
