import type { AuditActorKind, AuditRowView } from '../../../shared/server-api/audit-calls';
import type { Queryable } from '../database';

// The audit log's SQL. Insert and select only: the table is append-only (migrations/server/
// 0013_audit_log.sql refuses UPDATE and DELETE, and test/integration/server/audit-log.test.ts scans
// src-server/ for any statement that tries).

export type ActorKind = AuditActorKind;

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

/** A row as read back, with the actor's current name (shared/server-api/audit-calls.ts). */
export type AuditRow = AuditRowView;

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
  const where = ['a.org_id = $1'];
  for (const [field, column] of Object.entries(COLUMNS)) {
    const value = filter[field as keyof typeof COLUMNS];
    if (value === undefined) continue;
    params.push(value);
    where.push(`a.${column} = $${params.length}`);
  }
  if (filter.from !== undefined) {
    params.push(filter.from);
    where.push(`a.at >= $${params.length}`);
  }
  if (filter.to !== undefined) {
    params.push(filter.to);
    where.push(`a.at < $${params.length}`);
  }
  if (filter.before !== undefined) {
    params.push(filter.before);
    where.push(`a.id < $${params.length}`);
  }
  params.push(limit);
  // The name is looked up as it is now: a renamed cashier shows under the new name, their id unchanged.
  return db.query<AuditRow>(
    `SELECT a.id, a.at, a.actor_kind AS "actorKind", a.actor_id AS "actorId",
            COALESCE(s.name, t.name) AS "actorName", a.action, a.entity_kind AS "entityKind",
            a.entity_id AS "entityId", a.before, a.after, a.summary
       FROM audit_log a
       LEFT JOIN staff s ON a.actor_kind = 'staff' AND s.org_id = a.org_id AND s.id::text = a.actor_id
       LEFT JOIN terminals t ON a.actor_kind = 'terminal' AND t.org_id = a.org_id AND t.id::text = a.actor_id
      WHERE ${where.join(' AND ')}
      ORDER BY a.id DESC LIMIT $${params.length}`,
    params,
  );
}
