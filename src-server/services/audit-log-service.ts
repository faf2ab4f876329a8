import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import * as repo from '../db/repos/audit-repo';
import { toCsv } from './csv';

export const MAX_AUDIT_PAGE = 500;

/** One page, newest first; `nextBefore` fetches the next (older) page, null on the last. */
export async function listAudit(
  ctx: ServerContext,
  principal: Principal,
  filter: repo.AuditFilter,
  limit: number,
): Promise<{ rows: repo.AuditRow[]; nextBefore: number | null }> {
  const rows = await repo.listAudit(ctx.db, principal.orgId, filter, limit);
  return { rows, nextBefore: rows.length === limit ? (rows.at(-1)?.id ?? null) : null };
}

export const AUDIT_CSV_HEADER = [
  'id',
  'at',
  'actor kind',
  'actor id',
  'action',
  'entity kind',
  'entity id',
  'summary',
  'before',
  'after',
] as const;

/** The whole filtered log as CSV (before/after as JSON text), read page by page. */
export async function auditCsv(
  ctx: ServerContext,
  principal: Principal,
  filter: Omit<repo.AuditFilter, 'before'>,
): Promise<string> {
  const rows: repo.AuditRow[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await repo.listAudit(ctx.db, principal.orgId, { ...filter, before }, 10_000);
    rows.push(...page);
    if (page.length < 10_000) break;
    before = page.at(-1)?.id;
  }
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  return toCsv(
    AUDIT_CSV_HEADER,
    rows.map((r) => [
      r.id,
      r.at,
      r.actorKind,
      r.actorId,
      r.action,
      r.entityKind,
      r.entityId,
      r.summary,
      json(r.before),
      json(r.after),
    ]),
  );
}
