import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import * as repo from '../db/repos/audit-repo';

/**
 * Who made a change, in the organisation it was made in: a principal (staff session or device token), a
 * terminal enrolling itself with an enrolment code, or the server operator / the server itself (the
 * operator creating an organisation has no principal inside it). Any Principal fits.
 */
export type AuditActor =
  | { kind: 'staff'; orgId: string; staffId: string }
  | { kind: 'terminal'; orgId: string; terminalId: string }
  | { kind: 'operator' | 'system'; orgId: string };

export interface AuditChange {
  /** `<entity kind>.<verb>`, e.g. 'staff.update', 'code.create', 'terminal.enrol', 'review.accept'. */
  action: string;
  entityKind: string;
  entityId: string;
  /** The recorded fields, from a picker that names them (never a whole row): null before a create. */
  before?: Record<string, unknown> | null;
  /** Null after a delete. */
  after?: Record<string, unknown> | null;
  summary?: string | null;
}

function actorId(actor: AuditActor): string | null {
  if (actor.kind === 'staff') return actor.staffId;
  if (actor.kind === 'terminal') return actor.terminalId;
  return null;
}

/**
 * Records one change. Call it with the transaction that makes the change, so the entry exists exactly
 * when the change does. What goes into before/after is picked field by field by the caller's picker
 * (pickStaff and friends below): secrets (PIN and password hashes, device tokens, enrolment secrets)
 * are never named, so they cannot leak into the log by a new column appearing on a row.
 */
export async function recordAudit(
  db: Queryable,
  ctx: ServerContext,
  actor: AuditActor,
  change: AuditChange,
): Promise<void> {
  await repo.insertAudit(db, {
    orgId: actor.orgId,
    at: ctx.now().toISOString(),
    actorKind: actor.kind,
    actorId: actorId(actor),
    action: change.action,
    entityKind: change.entityKind,
    entityId: change.entityId,
    before: change.before ?? null,
    after: change.after ?? null,
    summary: change.summary ?? null,
  });
}

/** Copies only `fields` of `row` (undefined fields left out): the by-construction redaction. */
export function pick<T extends object, K extends keyof T>(
  row: T | undefined | null,
  fields: readonly K[],
): Record<string, unknown> | null {
  if (!row) return null;
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (row[field] !== undefined) out[field as string] = row[field];
  }
  return out;
}
