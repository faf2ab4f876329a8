-- A staff email is unique within its organisation only (docs/SECURITY.md "Staff e-mail addresses"):
-- unique across all of them, creating staff answered 409 for an address another organisation uses,
-- which told anyone who may create staff which addresses have an account elsewhere. Login checks the
-- password against every account with the address and asks for the organisation if several match.
DROP INDEX staff_email;
CREATE UNIQUE INDEX staff_org_email ON staff (org_id, lower(email)) WHERE email IS NOT NULL;
-- Login finds every account with an address, across organisations.
CREATE INDEX staff_email_lookup ON staff (lower(email)) WHERE email IS NOT NULL;
