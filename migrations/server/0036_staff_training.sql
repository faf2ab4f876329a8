-- docs/CASH.md "Training mode": a staff member in training sells in training at every terminal. A
-- manager sets it in the back office's staff editor; the staff row travels to terminals on pull, so an
-- offline terminal still knows. Nobody is in training until a manager says so.
ALTER TABLE staff ADD COLUMN training BOOLEAN NOT NULL DEFAULT false;
