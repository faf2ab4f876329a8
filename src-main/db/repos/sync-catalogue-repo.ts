import { prepared, type Db } from '../connection';

// Applying the server's catalogue, staff and codes. Rows a sale, a shift or a refund refers to are
// kept (deactivated) when the server drops them: history must keep pointing at something.

export type SeenEntity = 'catalogue' | 'code' | 'code_child' | 'staff' | 'role' | 'code_usage';

/**
 * Runs `fn` with foreign keys unchecked: a snapshot page may hold a performance before the event it
 * belongs to (the server pages by change position), so parents can arrive a page later. Sales never
 * run meanwhile (better-sqlite3 is synchronous), and the deletions below check references themselves.
 */
export function withForeignKeysDeferredToPages<T>(db: Db, fn: () => T): T {
  db.pragma('foreign_keys = OFF');
  try {
    return db.transaction(fn)();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

export function clearSeen(db: Db): void {
  prepared(db, 'DELETE FROM sync_seen').run();
}

export function markSeen(db: Db, entity: SeenEntity, id: string): void {
  prepared(db, 'INSERT OR IGNORE INTO sync_seen (entity, id) VALUES (?, ?)').run(entity, id);
}

const unseen = (entity: SeenEntity, column = 'id') =>
  `${column} NOT IN (SELECT id FROM sync_seen WHERE entity = '${entity}')`;

const CODE_REFERENCED = `(EXISTS (SELECT 1 FROM sales s WHERE s.code_id = codes.id)
  OR EXISTS (SELECT 1 FROM redemptions r WHERE r.code_id = codes.id)
  OR EXISTS (SELECT 1 FROM codes c2 WHERE c2.parent_id = codes.id))`;

const STAFF_REFERENCED = `(EXISTS (SELECT 1 FROM shifts x WHERE x.opened_by = staff.id OR x.closed_by = staff.id)
  OR EXISTS (SELECT 1 FROM sales x WHERE x.cashier_id = staff.id)
  OR EXISTS (SELECT 1 FROM refunds x WHERE x.staff_id = staff.id)
  OR EXISTS (SELECT 1 FROM approvals x WHERE x.approver_id = staff.id))`;

/** Pulls run with foreign keys off, so the layouts of deleted events do not cascade: they go here. */
const DROP_ORPHAN_LAYOUTS = 'DELETE FROM event_ticket_layouts WHERE event_id NOT IN (SELECT id FROM events)';

/** The end of a full snapshot: everything the server no longer has goes, unless history needs it. */
export function dropUnseen(db: Db): void {
  const catalogue = unseen('catalogue');
  db.exec(`
    DELETE FROM ticket_prices WHERE ${catalogue};
    DELETE FROM products WHERE ${catalogue};
    DELETE FROM performance_sold WHERE ${unseen('catalogue', 'performance_id')}
      AND NOT EXISTS (SELECT 1 FROM sale_lines l WHERE l.performance_id = performance_sold.performance_id);
    DELETE FROM performances WHERE ${catalogue}
      AND NOT EXISTS (SELECT 1 FROM sale_lines l WHERE l.performance_id = performances.id)
      AND NOT EXISTS (SELECT 1 FROM ticket_prices t WHERE t.performance_id = performances.id);
    DELETE FROM price_bands WHERE ${catalogue} AND NOT EXISTS (SELECT 1 FROM ticket_prices t WHERE t.price_band_id = price_bands.id);
    DELETE FROM ticket_types WHERE ${catalogue} AND NOT EXISTS (SELECT 1 FROM ticket_prices t WHERE t.ticket_type_id = ticket_types.id);
    DELETE FROM events WHERE ${catalogue}
      AND NOT EXISTS (SELECT 1 FROM performances x WHERE x.event_id = events.id)
      AND NOT EXISTS (SELECT 1 FROM price_bands x WHERE x.event_id = events.id)
      AND NOT EXISTS (SELECT 1 FROM ticket_types x WHERE x.event_id = events.id)
      AND NOT EXISTS (SELECT 1 FROM ticket_prices x WHERE x.event_id = events.id)
      AND NOT EXISTS (SELECT 1 FROM products x WHERE x.event_id = events.id);
    DELETE FROM venues WHERE ${catalogue} AND NOT EXISTS (SELECT 1 FROM events e WHERE e.venue_id = venues.id);
    ${DROP_ORPHAN_LAYOUTS};
    DELETE FROM code_children WHERE ${unseen('code_child')};
    UPDATE codes SET status = 'deleted' WHERE ${unseen('code')} AND ${unseen('code_child')} AND ${CODE_REFERENCED};
    DELETE FROM code_versions WHERE code_id IN (SELECT id FROM codes WHERE ${unseen('code')} AND ${unseen('code_child')} AND NOT ${CODE_REFERENCED});
    DELETE FROM codes WHERE ${unseen('code')} AND ${unseen('code_child')} AND NOT ${CODE_REFERENCED};
    DELETE FROM code_usage WHERE ${unseen('code_usage', 'code_id')};
    UPDATE staff SET active = 0, pin_hash = '' WHERE ${unseen('staff')} AND ${STAFF_REFERENCED};
    DELETE FROM staff WHERE ${unseen('staff')} AND NOT ${STAFF_REFERENCED};
    DELETE FROM roles WHERE ${unseen('role')} AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.role_id = roles.id);
    DELETE FROM sync_seen;
  `);
}

const CATALOGUE_TABLES = {
  venue: 'venues',
  event: 'events',
  performance: 'performances',
  price_band: 'price_bands',
  ticket_type: 'ticket_types',
  ticket_price: 'ticket_prices',
  product: 'products',
} as const;
export type CatalogueEntity = keyof typeof CATALOGUE_TABLES;

/** A hard delete on the server: the row goes where nothing refers to it. */
export function deleteCatalogueRow(db: Db, entity: CatalogueEntity, id: string): void {
  const table = CATALOGUE_TABLES[entity];
  const guard: Record<CatalogueEntity, string> = {
    venue: 'NOT EXISTS (SELECT 1 FROM events e WHERE e.venue_id = @id)',
    event: `NOT EXISTS (SELECT 1 FROM performances x WHERE x.event_id = @id)
      AND NOT EXISTS (SELECT 1 FROM ticket_prices x WHERE x.event_id = @id)
      AND NOT EXISTS (SELECT 1 FROM products x WHERE x.event_id = @id)
      AND NOT EXISTS (SELECT 1 FROM price_bands x WHERE x.event_id = @id)
      AND NOT EXISTS (SELECT 1 FROM ticket_types x WHERE x.event_id = @id)`,
    performance: `NOT EXISTS (SELECT 1 FROM sale_lines l WHERE l.performance_id = @id)
      AND NOT EXISTS (SELECT 1 FROM ticket_prices t WHERE t.performance_id = @id)`,
    price_band: 'NOT EXISTS (SELECT 1 FROM ticket_prices t WHERE t.price_band_id = @id)',
    ticket_type: 'NOT EXISTS (SELECT 1 FROM ticket_prices t WHERE t.ticket_type_id = @id)',
    ticket_price: '1',
    product: '1',
  };
  if (entity === 'performance')
    prepared(db, `DELETE FROM performance_sold WHERE performance_id = @id AND ${guard.performance}`).run({
      id,
    });
  prepared(db, `DELETE FROM ${table} WHERE id = @id AND ${guard[entity]}`).run({ id });
  if (entity === 'event') prepared(db, DROP_ORPHAN_LAYOUTS).run();
}

export function deleteCodeRow(db: Db, id: string): void {
  const referenced = prepared(db, `SELECT ${CODE_REFERENCED} AS r FROM codes WHERE id = ?`).get(id) as
    { r: number } | undefined;
  if (!referenced) return;
  if (referenced.r) {
    prepared(db, `UPDATE codes SET status = 'deleted' WHERE id = ?`).run(id);
    return;
  }
  prepared(db, 'DELETE FROM code_versions WHERE code_id = ?').run(id);
  prepared(db, 'DELETE FROM codes WHERE id = ?').run(id);
}

/**
 * Frees a code text for another id (code texts are unique): an old row nothing refers to goes; one
 * that history needs keeps its id under a text no one can type.
 */
export function evictCodeText(db: Db, code: string, keepId: string): void {
  const other = prepared(db, 'SELECT id FROM codes WHERE code = ? AND id <> ?').get(code, keepId) as
    { id: string } | undefined;
  if (!other) return;
  deleteCodeRow(db, other.id);
  prepared(
    db,
    `UPDATE codes SET code = code || ' ~' || id, status = 'deleted' WHERE id = ? AND code = ?`,
  ).run(other.id, code);
}

/** A row kept because history refers to it keeps no PIN verifier: nobody signs in with it any more. */
export function deleteStaffRow(db: Db, id: string): void {
  prepared(db, `UPDATE staff SET active = 0, pin_hash = '' WHERE id = ? AND ${STAFF_REFERENCED}`).run(id);
  prepared(db, `DELETE FROM staff WHERE id = ? AND NOT ${STAFF_REFERENCED}`).run(id);
}

export function deleteRoleRow(db: Db, id: string): void {
  prepared(
    db,
    'DELETE FROM roles WHERE id = ? AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.role_id = ?)',
  ).run(id, id);
}

export interface ChildCodeRow {
  id: string;
  code: string;
  parentId: string;
  status: 'active' | 'disabled' | 'deleted';
}

export function upsertCodeChild(db: Db, child: ChildCodeRow): void {
  prepared(
    db,
    `INSERT INTO code_children (id, code, parent_id, status) VALUES (@id, @code, @parentId, @status)
     ON CONFLICT (id) DO UPDATE SET code = excluded.code, parent_id = excluded.parent_id, status = excluded.status`,
  ).run(child);
}

export function deleteCodeChild(db: Db, id: string): void {
  prepared(db, 'DELETE FROM code_children WHERE id = ?').run(id);
}

export function listCodeChildren(db: Db, parentId: string): ChildCodeRow[] {
  return prepared(
    db,
    'SELECT id, code, parent_id AS parentId, status FROM code_children WHERE parent_id = ?',
  ).all(parentId) as ChildCodeRow[];
}
