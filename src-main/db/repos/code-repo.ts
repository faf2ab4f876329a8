import type { CodeRecord } from '../../../shared/codes/types';
import type { Db } from '../connection';

interface RawCode {
  id: string;
  code: string;
  version: number;
  definition: string;
}

// Parsed definitions by id and version: a version never changes, so the cache never goes stale.
const parsed = new Map<string, CodeRecord>();

function toRecord(row: RawCode): CodeRecord {
  const key = `${row.id}@${row.version}`;
  let record = parsed.get(key);
  if (!record) {
    record = JSON.parse(row.definition) as CodeRecord;
    parsed.set(key, record);
  }
  return record;
}

/** Stores a code's current version and keeps every version a sale may refer to. */
export function upsertCode(db: Db, code: CodeRecord): void {
  const definition = JSON.stringify(code);
  const channels = code.rules.channels;
  db.prepare(
    `INSERT INTO codes (id, code, version, parent_id, is_parent, status, name, description, auto_priority,
       box_office_channel, box_office_visible, box_office_roles, offline_policy, definition, updated_at)
     VALUES (@id, @code, @version, @parentId, @isParent, @status, @name, @description, @autoPriority,
       @channel, @visible, @roles, @offlinePolicy, @definition, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET code = excluded.code, version = excluded.version, parent_id = excluded.parent_id,
       is_parent = excluded.is_parent, status = excluded.status, name = excluded.name,
       description = excluded.description, auto_priority = excluded.auto_priority,
       box_office_channel = excluded.box_office_channel, box_office_visible = excluded.box_office_visible,
       box_office_roles = excluded.box_office_roles, offline_policy = excluded.offline_policy,
       definition = excluded.definition, updated_at = excluded.updated_at`,
  ).run({
    id: code.id,
    code: code.code,
    version: code.version,
    parentId: code.parentId,
    isParent: code.isParent ? 1 : 0,
    status: code.status,
    name: code.name,
    description: code.description,
    autoPriority: code.autoApply?.priority ?? null,
    channel: !channels || channels.includes('box_office') ? 1 : 0,
    visible: code.rules.boxOffice?.visible === false ? 0 : 1,
    roles: code.rules.boxOffice?.roles ? JSON.stringify(code.rules.boxOffice.roles) : null,
    offlinePolicy: code.offlinePolicy,
    definition,
    updatedAt: code.updatedAt,
  });
  db.prepare('INSERT OR IGNORE INTO code_versions (code_id, version, definition) VALUES (?, ?, ?)').run(
    code.id,
    code.version,
    definition,
  );
}

export function getCodeByText(db: Db, normalized: string): CodeRecord | undefined {
  const row = db.prepare('SELECT id, code, version, definition FROM codes WHERE code = ?').get(normalized) as
    RawCode | undefined;
  return row && toRecord(row);
}

export function getCode(db: Db, id: string): CodeRecord | undefined {
  const row = db.prepare('SELECT id, code, version, definition FROM codes WHERE id = ?').get(id) as
    RawCode | undefined;
  return row && toRecord(row);
}

export function countCodes(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM codes').get() as { n: number }).n;
}

const VISIBLE = `c.status = 'active' AND c.is_parent = 0 AND c.box_office_channel = 1 AND c.box_office_visible = 1
  AND (c.box_office_roles IS NULL OR EXISTS (SELECT 1 FROM json_each(c.box_office_roles) WHERE value = @role))`;

export function listAutoApplyCodes(db: Db, role: string): CodeRecord[] {
  const rows = db
    .prepare(
      `SELECT id, code, version, definition FROM codes c WHERE c.auto_priority IS NOT NULL AND ${VISIBLE}`,
    )
    .all({ role }) as RawCode[];
  return rows.map(toRecord);
}

/**
 * Codes this role may see whose code, name or description contains `query` (any case). Three or more
 * characters use the trigram index; shorter ones match the start of the code, which the UNIQUE index serves.
 */
export function searchCodes(db: Db, query: string, role: string, limit: number): CodeRecord[] {
  const q = query.trim();
  let rows: RawCode[];
  if (q.length >= 3) {
    rows = db
      .prepare(
        `SELECT c.id, c.code, c.version, c.definition FROM codes_search s JOIN codes c ON c.rowid = s.rowid
         WHERE codes_search MATCH @match AND ${VISIBLE} LIMIT @limit`,
      )
      .all({ match: `"${q.replaceAll('"', '""')}"`, role, limit }) as RawCode[];
    // No ORDER BY in SQL: a broad match ("BENCH0") would sort every hit before the LIMIT; the index
    // streams hits instead and the few kept are put in order here.
    rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  } else {
    const prefix = q.toUpperCase();
    rows = db
      .prepare(
        `SELECT c.id, c.code, c.version, c.definition FROM codes c
         WHERE c.code >= @from AND c.code < @to AND ${VISIBLE} ORDER BY c.code LIMIT @limit`,
      )
      .all({ from: prefix, to: prefix + '\uffff', role, limit }) as RawCode[];
  }
  return rows.map(toRecord);
}
