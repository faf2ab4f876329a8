import type { CodeRecord } from '../../../shared/codes/types';
import { prepared, type Db } from '../connection';

interface RawCode {
  id: string;
  code: string;
  version: number;
  status: CodeRecord['status'];
  parent_id: string | null;
  /**
   * Empty for a generated child synced from the server: its terms are its parent's. Left out by the
   * search, which reads it only for a code not parsed yet.
   */
  definition?: string;
}

const COLUMNS = 'id, code, version, status, parent_id, definition';
const C_COLUMNS = 'c.id, c.code, c.version, c.status, c.parent_id, c.definition';
// The dropdown's columns: 50 codes a keystroke whose definitions (JSON of a few hundred bytes each)
// are nearly always parsed already.
const SEARCH_COLUMNS = 'c.id, c.code, c.version, c.status, c.parent_id';

// Parsed definitions by id, version and status: a version's terms never change, and a status change
// (a child disabled on its own) makes a new key, so the cache never goes stale.
const parsed = new Map<string, CodeRecord>();

function toRecord(db: Db, row: RawCode): CodeRecord {
  const key = `${row.id}@${row.version}@${row.status}`;
  let record = parsed.get(key);
  if (!record) {
    const definition = row.definition ?? definitionOf(db, row.id);
    if (definition === '') {
      const parent = row.parent_id ? getCode(db, row.parent_id) : undefined;
      if (!parent) throw new Error(`generated code ${row.id} has no parent row`);
      const { autoApply: _auto, ...terms } = parent;
      record = {
        ...terms,
        id: row.id,
        code: row.code,
        parentId: parent.id,
        isParent: false,
        status: row.status,
      };
    } else {
      record = JSON.parse(definition) as CodeRecord;
    }
    parsed.set(key, record);
  }
  return record;
}

function definitionOf(db: Db, id: string): string {
  const row = prepared(db, 'SELECT definition FROM codes WHERE id = ?').get(id) as { definition: string };
  return row.definition;
}

function writeRow(db: Db, code: CodeRecord, definition: string): void {
  const channels = code.rules.channels;
  prepared(
    db,
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
}

/** Stores a code's current version and keeps every version a sale may refer to. */
export function upsertCode(db: Db, code: CodeRecord): void {
  const definition = JSON.stringify(code);
  writeRow(db, code, definition);
  prepared(db, 'INSERT OR IGNORE INTO code_versions (code_id, version, definition) VALUES (?, ?, ?)').run(
    code.id,
    code.version,
    definition,
  );
}

/**
 * A generated child as the server sends it: its own id, text and status over its parent's terms.
 * The row keeps the columns the dropdown filters and searches on but no copy of the terms (read back
 * from the parent), so a pull of 100,000 children writes no 100,000 definitions; the parent's
 * versions are the history its sales point at.
 */
export function upsertChildCode(
  db: Db,
  child: { id: string; code: string; status: CodeRecord['status'] },
  parent: CodeRecord,
): void {
  const { autoApply: _auto, ...terms } = parent;
  // No name or description in the row: 100,000 copies of the parent's in the search index make every
  // insert extend the same long trigram lists (4x slower to pull). A child is found by its code; its
  // record, read from the parent, still has the name and description.
  const row = { ...terms, id: child.id, code: child.code, parentId: parent.id, isParent: false };
  writeRow(db, { ...row, status: child.status, name: '', description: '' }, '');
}

export function getCodeByText(db: Db, normalized: string): CodeRecord | undefined {
  const row = prepared(db, `SELECT ${COLUMNS} FROM codes WHERE code = ?`).get(normalized) as
    RawCode | undefined;
  return row && toRecord(db, row);
}

export function getCode(db: Db, id: string): CodeRecord | undefined {
  const row = prepared(db, `SELECT ${COLUMNS} FROM codes WHERE id = ?`).get(id) as RawCode | undefined;
  return row && toRecord(db, row);
}

export function countCodes(db: Db): number {
  return (prepared(db, 'SELECT count(*) AS n FROM codes').get() as { n: number }).n;
}

const VISIBLE = `c.status = 'active' AND c.is_parent = 0 AND c.box_office_channel = 1 AND c.box_office_visible = 1
  AND (c.box_office_roles IS NULL OR EXISTS (SELECT 1 FROM json_each(c.box_office_roles) WHERE value = @role))`;

// Cached: every pricing of the cart looks for automatic codes.
export function listAutoApplyCodes(db: Db, role: string): CodeRecord[] {
  const rows = prepared(
    db,
    `SELECT ${C_COLUMNS} FROM codes c WHERE c.auto_priority IS NOT NULL AND ${VISIBLE}`,
  ).all({ role }) as RawCode[];
  return rows.map((row) => toRecord(db, row));
}

/**
 * Codes this role may see whose code, name or description contains `query` (any case). Three or more
 * characters use the trigram index; shorter ones match the start of the code, which the UNIQUE index serves.
 * Both statements are cached: this runs on every keystroke in the dropdown.
 */
export function searchCodes(db: Db, query: string, role: string, limit: number): CodeRecord[] {
  const q = query.trim();
  let rows: RawCode[];
  if (q.length >= 3) {
    rows = prepared(
      db,
      `SELECT ${SEARCH_COLUMNS} FROM codes_search s JOIN codes c ON c.rowid = s.rowid
       WHERE codes_search MATCH @match AND ${VISIBLE} LIMIT @limit`,
    ).all({ match: `"${q.replaceAll('"', '""')}"`, role, limit }) as RawCode[];
    // No ORDER BY in SQL: a broad match ("BENCH0") would sort every hit before the LIMIT; the index
    // streams hits instead and the few kept are put in order here.
    rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  } else {
    const prefix = q.toUpperCase();
    rows = prepared(
      db,
      `SELECT ${SEARCH_COLUMNS} FROM codes c
       WHERE c.code >= @from AND c.code < @to AND ${VISIBLE} ORDER BY c.code LIMIT @limit`,
    ).all({ from: prefix, to: prefix + '\uffff', role, limit }) as RawCode[];
  }
  return rows.map((row) => toRecord(db, row));
}

/** Active codes of their own (not parents, not generated children) with a total limit the escrow covers. */
export function listCappedCodes(db: Db): CodeRecord[] {
  const rows = prepared(
    db,
    // nullif: a generated child's row has no definition of its own, and '' is not JSON.
    `SELECT ${COLUMNS} FROM codes WHERE status = 'active' AND is_parent = 0 AND definition <> ''
       AND (json_extract(nullif(definition, ''), '$.rules.maxUses') IS NOT NULL
         OR json_extract(nullif(definition, ''), '$.rules.maxItemUses') IS NOT NULL
         OR json_extract(nullif(definition, ''), '$.rules.budget') IS NOT NULL)
     ORDER BY code`,
  ).all() as RawCode[];
  return rows.map((row) => toRecord(db, row));
}
