-- Discount codes as synced from the server. `definition` is the engine's CodeDefinition as JSON; the
-- columns beside it exist so the dropdown can filter and search without parsing JSON.
CREATE TABLE codes (
  id TEXT PRIMARY KEY NOT NULL,
  code TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL CHECK (version >= 1),
  parent_id TEXT REFERENCES codes (id),
  is_parent INTEGER NOT NULL DEFAULT 0 CHECK (is_parent IN (0, 1)),
  status TEXT NOT NULL CHECK (status IN ('active', 'disabled', 'deleted')),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  auto_priority INTEGER,
  -- 1 when the code's channels include the box office (or are not narrowed at all)
  box_office_channel INTEGER NOT NULL DEFAULT 1 CHECK (box_office_channel IN (0, 1)),
  box_office_visible INTEGER NOT NULL DEFAULT 1 CHECK (box_office_visible IN (0, 1)),
  -- JSON array of role ids, NULL = every role
  box_office_roles TEXT,
  offline_policy TEXT NOT NULL DEFAULT 'deny' CHECK (offline_policy IN ('deny', 'best_effort')),
  definition TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX codes_auto ON codes (auto_priority) WHERE auto_priority IS NOT NULL;

-- Every version a sale may point at; past sales keep the terms they were sold under.
CREATE TABLE code_versions (
  code_id TEXT NOT NULL REFERENCES codes (id),
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  PRIMARY KEY (code_id, version)
) STRICT;

-- Substring search over code, name and description for the dropdown.
CREATE VIRTUAL TABLE codes_search USING fts5 (
  code, name, description,
  content = 'codes', content_rowid = 'rowid', tokenize = 'trigram'
);
CREATE TRIGGER codes_search_insert AFTER INSERT ON codes BEGIN
  INSERT INTO codes_search (rowid, code, name, description) VALUES (new.rowid, new.code, new.name, new.description);
END;
CREATE TRIGGER codes_search_delete AFTER DELETE ON codes BEGIN
  INSERT INTO codes_search (codes_search, rowid, code, name, description)
  VALUES ('delete', old.rowid, old.code, old.name, old.description);
END;
CREATE TRIGGER codes_search_update AFTER UPDATE OF code, name, description ON codes BEGIN
  INSERT INTO codes_search (codes_search, rowid, code, name, description)
  VALUES ('delete', old.rowid, old.code, old.name, old.description);
  INSERT INTO codes_search (rowid, code, name, description) VALUES (new.rowid, new.code, new.name, new.description);
END;
