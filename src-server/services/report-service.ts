import type { Benefit } from '../../shared/discounts';
import type { CodeReportRow } from '../../shared/reports/codes';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import * as repo from '../db/repos/report-repo';
import { toCsv } from './csv';

/** The wire row, as the terminal's manager screens and the back office read it. */
export type ReportRow = CodeReportRow;

const percent = (bp: number) => `${bp / 100}%`;

/** The benefit in a few words, as a manager would write it on a whiteboard. Amounts in minor units. */
export function benefitValue(benefit: Benefit): string {
  switch (benefit.type) {
    case 'percentage':
      return percent(benefit.percent);
    case 'fixed_order':
    case 'fixed_per_item':
      return String(benefit.amount);
    case 'specific_price':
      return benefit.prices.map((p) => `${p.target.by}:${p.target.id}=${p.unitPrice}`).join(' ');
    case 'buy_x_get_y':
      return `buy ${benefit.buy.qty} get ${benefit.get.qty} at ${percent(benefit.percent)} off`;
    case 'multi_buy':
      return `${benefit.groups.map((g) => g.qty).join('+')} at ${percent(benefit.percent)} off`;
  }
}

function toReportRow(row: repo.CodeReportRow): ReportRow {
  const { benefit, rules, ...rest } = row;
  return { ...rest, type: benefit.type, value: benefitValue(benefit), limit: rules.maxUses ?? null };
}

export async function codeReport(
  ctx: ServerContext,
  principal: Principal,
  filter: repo.ReportFilter,
  groupBy: 'code' | 'parent',
): Promise<{ rows: ReportRow[]; total: number; limit: number; offset: number }> {
  const now = ctx.now().toISOString();
  const result =
    groupBy === 'parent'
      ? await repo.perParentReport(ctx.db, principal.orgId, filter, now)
      : await repo.perCodeReport(ctx.db, principal.orgId, filter, now);
  return {
    rows: result.rows.map(toReportRow),
    total: result.total,
    limit: filter.limit,
    offset: filter.offset,
  };
}

export const CSV_HEADER = [
  'code',
  'type',
  'value',
  'limit',
  'redemptions',
  'remaining',
  'total discount',
  'currency',
  'first use',
  'last use',
  'status',
] as const;

export async function codeReportCsv(
  ctx: ServerContext,
  principal: Principal,
  filter: Omit<repo.ReportFilter, 'limit' | 'offset'>,
  groupBy: 'code' | 'parent',
): Promise<string> {
  const rows: ReportRow[] = [];
  const page = 10_000;
  for (let offset = 0; ; offset += page) {
    const result = await codeReport(ctx, principal, { ...filter, limit: page, offset }, groupBy);
    rows.push(...result.rows);
    if (result.rows.length < page) break;
  }
  return toCsv(
    CSV_HEADER,
    rows.map((r) => [
      r.code,
      r.type,
      r.value,
      r.limit,
      r.orders,
      r.remaining,
      r.totalDiscount,
      r.currency,
      r.firstUse,
      r.lastUse,
      r.status,
    ]),
  );
}

export async function overuseReport(
  ctx: ServerContext,
  principal: Principal,
  filter: repo.ReportFilter,
): Promise<{ rows: repo.OveruseRow[]; total: number; limit: number; offset: number }> {
  const result = await repo.overuseReport(ctx.db, principal.orgId, filter);
  return { ...result, limit: filter.limit, offset: filter.offset };
}
