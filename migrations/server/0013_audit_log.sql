-- The audit log (docs/AUDIT.md): who changed what in the back office, when, from what to what.
-- Append-only: the server only ever inserts, and the triggers below refuse UPDATE, DELETE and TRUNCATE,
-- so a bug or a compromised service cannot rewrite history without also changing the schema.

CREATE TABLE audit_log (
  -- Insertion order: the browse order and the keyset cursor (`before`), stable under a pinned clock.
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  at TIMESTAMPTZ NOT NULL,
  actor_kind TEXT NOT NULL CHECK (actor_kind IN ('staff', 'terminal', 'operator', 'system')),
  -- The staff member's or terminal's id; NULL for the operator and the system.
  actor_id TEXT,
  action TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
  entity_kind TEXT NOT NULL CHECK (length(entity_kind) BETWEEN 1 AND 50),
  -- Text, not UUID: custom roles are keyed by their own ids ('door-staff').
  entity_id TEXT NOT NULL,
  -- The recorded fields before and after; NULL before a create and after a delete. Never secrets.
  before JSONB,
  after JSONB,
  summary TEXT
);
CREATE INDEX audit_log_org_newest ON audit_log (org_id, id DESC);
CREATE INDEX audit_log_entity ON audit_log (org_id, entity_kind, entity_id, id DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
