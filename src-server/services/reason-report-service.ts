import type { ReasonFilter, ReasonPage, ReasonQuery, ReasonRow } from '../../shared/reports/reasons';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import { countReasons, listReasons } from '../db/repos/reason-report-repo';
import { toCsv } from './csv';

// The reasons report (docs/REPORTS.md "Reasons"), scoped to the caller's organisation.

export async function reasonReport(
  ctx: ServerContext,
  principal: Principal,
  q: ReasonQuery,
): Promise<ReasonPage> {
  const { limit, offset, ...filter } = q;
  const [rows, total] = await Promise.all([
    listReasons(ctx.db, principal.orgId, filter, limit, offset),
    countReasons(ctx.db, principal.orgId, filter),
  ]);
  return { rows, total, limit, offset };
}

export const REASON_CSV_HEADER = [
  'category',
  'reason',
  'cashier',
  'event',
  'performance starts at',
  'count',
  'amount',
  'currency',
] as const;

export async function reasonCsv(
  ctx: ServerContext,
  principal: Principal,
  filter: ReasonFilter,
): Promise<string> {
  const rows: ReasonRow[] = [];
  const limit = 1000;
  for (let offset = 0; ; offset += limit) {
    const page = await listReasons(ctx.db, principal.orgId, filter, limit, offset);
    rows.push(...page);
    if (page.length < limit) break;
  }
  return toCsv(
    REASON_CSV_HEADER,
    rows.map((r) => [
      r.category,
      r.reason,
      r.cashierName ?? r.cashierId,
      r.eventName,
      r.performanceStartsAt,
      r.count,
      r.amount,
      r.currency,
    ]),
  );
}
