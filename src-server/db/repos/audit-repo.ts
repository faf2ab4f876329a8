import type { Queryable } from '../database';

// The audit log's SQL. Insert and select only: the table is append-only (migrations/server/
// 0013_audit_log.sql refuses UPDATE and DELETE, and test/integration/server/audit-log.test.ts scans
// src-server/ for any statement that tries).

export type ActorKind = 'staff' | 'terminal' | 'operator' | 'system';

export interface AuditEntry {
  orgId: string;
  at: string;
  actorKind: ActorKind;
  actorId: string | null;
  action: string;
  entityKind: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  summary: string | null;
}

export interface AuditRow extends Omit<AuditEntry, 'orgId'> {
  /** Insertion order; the `before` cursor of the next page. */
  id: number;
}

export interface AuditFilter {
  entityKind?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
  /** Only rows older than this id (the keyset cursor). */
  before?: number;
}

export async function insertAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log
       (org_id, at, actor_kind, actor_id, action, entity_kind, entity_id, before, after, summary)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10)`,
    [
      entry.orgId,
      entry.at,
      entry.actorKind,
      entry.actorId,
      entry.action,
      entry.entityKind,
      entry.entityId,
      entry.before === null ? null : JSON.stringify(entry.before),
      entry.after === null ? null : JSON.stringify(entry.after),
      entry.summary,
    ],
  );
}

const COLUMNS: Record<keyof Omit<AuditFilter, 'from' | 'to' | 'before'>, string> = {
  entityKind: 'entity_kind',
  entityId: 'entity_id',
  actorId: 'actor_id',
  action: 'action',
};

/** Newest first, one organisation's rows only. */
export async function listAudit(
  db: Queryable,
  orgId: string,
  filter: AuditFilter,
  limit: number,
): Promise<AuditRow[]> {
  const params: unknown[] = [orgId];
  const where = ['org_id = $1'];
  for (const [field, column] of Object.entries(COLUMNS)) {
    const value = filter[field as keyof typeof COLUMNS];
    if (value === undefined) continue;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  }
  if (filter.from !== undefined) {
    params.push(filter.from);
    where.push(`at >= $${params.length}`);
  }
  if (filter.to !== undefined) {
    params.push(filter.to);
    where.push(`at < $${params.length}`);
  }
  if (filter.before !== undefined) {
    params.push(filter.before);
    where.push(`id < $${params.length}`);
  }
  params.push(limit);
  return db.query<AuditRow>(
    `SELECT id, at, actor_kind AS "actorKind", actor_id AS "actorId", action, entity_kind AS "entityKind",
            entity_id AS "entityId", before, after, summary
       FROM audit_log WHERE ${where.join(' AND ')}
      ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
}
