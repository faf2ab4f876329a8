import type { SalesByPerformanceQuery, SalesByPerformanceReport } from '../../shared/reports/sales';
import type { ShiftFilter, ShiftPage, ShiftQuery, ShiftRow } from '../../shared/reports/shifts';
import { SHIFT_CASH_KINDS, TENDERS } from '../../shared/reports/shifts';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import { salesByPerformance } from '../db/repos/sales-report-repo';
import { countShifts, listShifts } from '../db/repos/shift-report-repo';
import { toCsv } from './csv';

// Sales by performance and every terminal's shifts (docs/REPORTS.md), scoped to the caller's organisation.

export async function salesByPerformanceReport(
  ctx: ServerContext,
  principal: Principal,
  q: SalesByPerformanceQuery,
): Promise<SalesByPerformanceReport> {
  return { rows: await salesByPerformance(ctx.db, principal.orgId, q) };
}

export const SALES_CSV_HEADER = [
  'event',
  'performance',
  'starts at',
  'ticket type',
  'price band',
  'tickets sold',
  'tickets refunded',
  'gross',
  'discount',
  'refunded',
  'net',
  'currency',
] as const;

export async function salesByPerformanceCsv(
  ctx: ServerContext,
  principal: Principal,
  q: SalesByPerformanceQuery,
): Promise<string> {
  const { rows } = await salesByPerformanceReport(ctx, principal, q);
  return toCsv(
    SALES_CSV_HEADER,
    rows.map((r) => [
      r.eventName,
      r.performanceId,
      r.performanceStartsAt,
      r.ticketTypeName ?? r.ticketTypeId,
      r.priceBandName ?? r.priceBandId,
      r.ticketsSold,
      r.ticketsRefunded,
      r.gross,
      r.discount,
      r.refunded,
      r.net,
      r.currency,
    ]),
  );
}

export async function shiftReport(
  ctx: ServerContext,
  principal: Principal,
  q: ShiftQuery,
): Promise<ShiftPage> {
  const { limit, offset, ...filter } = q;
  const [rows, total] = await Promise.all([
    listShifts(ctx.db, principal.orgId, filter, limit, offset),
    countShifts(ctx.db, principal.orgId, filter),
  ]);
  return { rows, total, limit, offset };
}

export const SHIFT_CSV_HEADER = [
  'shift id',
  'terminal',
  'venue',
  'opened by',
  'opened at',
  'closed by',
  'closed at',
  'opening float',
  'expected cash',
  'counted cash',
  'difference',
  'sales',
  'sales total',
  'refunds total',
  ...TENDERS,
  ...SHIFT_CASH_KINDS.map((k) => k.replace('_', ' ')),
  'no sales',
  'comps',
  'comps value',
  'cash rounding',
  'currency',
] as const;

export async function shiftCsv(
  ctx: ServerContext,
  principal: Principal,
  filter: ShiftFilter,
): Promise<string> {
  const rows: ShiftRow[] = [];
  const limit = 1000;
  for (let offset = 0; ; offset += limit) {
    const page = await listShifts(ctx.db, principal.orgId, filter, limit, offset);
    rows.push(...page);
    if (page.length < limit) break;
  }
  return toCsv(
    SHIFT_CSV_HEADER,
    rows.map((r) => [
      r.shiftId,
      r.terminalName,
      r.venueName,
      r.openedByName,
      r.openedAt,
      r.closedByName,
      r.closedAt,
      r.openingFloat,
      r.expectedCash,
      r.countedCash,
      r.difference,
      r.sales,
      r.salesTotal,
      r.refundsTotal,
      ...TENDERS.map((t) => r.tenders[t]),
      ...SHIFT_CASH_KINDS.map((k) => r.cashMovements[k]),
      r.noSales,
      r.comps.count,
      r.comps.value,
      r.cashRounding,
      r.currency,
    ]),
  );
}
