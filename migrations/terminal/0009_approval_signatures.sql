-- docs/SECURITY.md "Overuse proof": the device's Ed25519 signature over each approval, made when the
-- approval is recorded and pushed with the sale. NULL: recorded before the terminal was enrolled (or
-- by an older version); the server does not honour such an approval.
ALTER TABLE approvals ADD COLUMN signature TEXT;
