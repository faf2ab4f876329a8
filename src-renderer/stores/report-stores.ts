import { create } from 'zustand';
import type { OrderFilter, OrderRow } from '../../shared/reports/orders';
import type { ReasonCategory } from '../../shared/cash/reasons';
import type { ReasonFilter, ReasonRow } from '../../shared/reports/reasons';
import type { SalesByPerformanceQuery, SalesByPerformanceRow } from '../../shared/reports/sales';
import type { ShiftFilter, ShiftRow } from '../../shared/reports/shifts';
import { ok } from '../../shared/result';
import { reportCalls } from '../../shared/server-api/report-calls';
import { ticketsPdfFileName, type TicketsPdfQuery } from '../../shared/tickets/ticket-api';
import { terminalCalls } from '../../shared/server-api/terminal-calls';
import { server } from '../api/admin-host';
import type { Named } from '../components/LookupField';
import { dayRange } from '../lib/date-range';
import { getVenue } from './catalogue-stores';
import { createKeysetStore, withoutEmpty } from './keyset-store';
import { createRecordStore } from './record-store';

// The back office's report screens (docs/REPORTS.md): orders by keyset page, sales by performance,
// shifts by offset page. Filters keep what the manager chose (days as typed, people and terminals with
// their names); each call turns them into the route's query, so a CSV asks for exactly the rows shown.

const reports = reportCalls(server);
const terminals = terminalCalls(server);

export const ORDER_PAGE = 50;
export const SHIFT_PAGE = 50;
export const REASON_PAGE = 50;

/** Days as the date fields give them (yyyy-mm-dd, '' = open-ended), as instants covering both days. */
const days = (f: { from?: string; to?: string }) => dayRange(f.from ?? '', f.to ?? '');

/** A code report row's orders: one code's, or with `parentId` a parent's and its children's. */
export interface CodeOrders {
  code: string;
  codeId?: string;
  parentId?: string;
}

export interface OrdersView {
  from?: string;
  to?: string;
  code?: string;
  buyer?: string;
  reason?: string;
  cashier?: Named | null;
  terminal?: Named | null;
  performance?: { id: string; label: string };
  /** From the code report: orders that used this code, or with `parentId` this code or a child of it. */
  usedCode?: CodeOrders;
}

export function orderFilter(view: OrdersView): OrderFilter {
  return withoutEmpty({
    ...days(view),
    code: view.code,
    buyer: view.buyer,
    reason: view.reason,
    cashierId: view.cashier?.id,
    terminalId: view.terminal?.id,
    performanceId: view.performance?.id,
    codeId: view.usedCode?.codeId,
    parentId: view.usedCode?.parentId,
  });
}

export const useOrdersStore = createKeysetStore<OrderRow, OrdersView, string>(
  {
    async list(view, cursor, limit) {
      const page = await reports.orders({ ...orderFilter(view), cursor, limit });
      return page.ok ? ok({ rows: page.value.rows, next: page.value.nextCursor }) : page;
    },
    csv: (view) => reports.ordersCsv(orderFilter(view)),
  },
  ORDER_PAGE,
);

/** Opens the orders on one code's rows in a date range (days as typed), every other filter cleared. */
export function showCodeOrders(usedCode: CodeOrders, range: { from: string; to: string }): void {
  useOrdersStore.getState().replaceFilter({ ...range, usedCode });
}

/** One order with every line, code use, approval, payment and refund. */
export const loadOrder = (orderId: string) => reports.order(orderId);

/** An order's valid tickets as a PDF to download, named as the terminal names it. */
export async function orderTicketsPdf(orderId: string, receiptNo: number, query: TicketsPdfQuery) {
  const pdf = await reports.ticketsPdf(orderId, query);
  return pdf.ok ? ok({ fileName: ticketsPdfFileName(receiptNo, query.format), bytes: pdf.value }) : pdf;
}

export interface SalesView {
  from: string;
  to: string;
  venue: Named | null;
  event: Named | null;
}

export function salesQuery(view: SalesView): SalesByPerformanceQuery {
  return withoutEmpty({ ...days(view), venueId: view.venue?.id, eventId: view.event?.id });
}

/** Every row at once (the route does not page: one row per performance, ticket type and band). */
export const useSalesStore = createRecordStore<SalesByPerformanceRow, SalesView, never>(
  {
    async list(view) {
      const report = await reports.salesByPerformance(salesQuery(view));
      if (!report.ok) return report;
      const rows = report.value.rows;
      return ok({ items: rows, total: rows.length, limit: rows.length, offset: 0 });
    },
  },
  { from: '', to: '', venue: null, event: null },
);

export const salesCsv = (view: SalesView) => reports.salesByPerformanceCsv(salesQuery(view));

export interface ShiftsView {
  from: string;
  to: string;
  cashier: Named | null;
  terminal: Named | null;
}

export function shiftFilter(view: ShiftsView): ShiftFilter {
  return withoutEmpty({ ...days(view), cashierId: view.cashier?.id, terminalId: view.terminal?.id });
}

export const useShiftsStore = createRecordStore<ShiftRow, ShiftsView, never>(
  {
    async list({ limit, offset, ...view }) {
      const page = await reports.shifts({ ...shiftFilter(view), limit, offset });
      if (!page.ok) return page;
      const { rows, total } = page.value;
      return ok({ items: rows, total, limit: page.value.limit, offset: page.value.offset });
    },
  },
  { from: '', to: '', cashier: null, terminal: null },
  SHIFT_PAGE,
);

export const shiftsCsv = (view: ShiftsView) => reports.shiftsCsv(shiftFilter(view));

export interface ReasonsView {
  from: string;
  to: string;
  category: ReasonCategory | '';
  reason: string;
  cashier: Named | null;
  performance: { id: string; label: string } | undefined;
}

export function reasonFilter(view: ReasonsView): ReasonFilter {
  return withoutEmpty({
    ...days(view),
    category: view.category || undefined,
    reason: view.reason,
    cashierId: view.cashier?.id,
    performanceId: view.performance?.id,
  });
}

export const useReasonsStore = createRecordStore<ReasonRow, ReasonsView, never>(
  {
    async list({ limit, offset, ...view }) {
      const page = await reports.reasons({ ...reasonFilter(view), limit, offset });
      if (!page.ok) return page;
      const { rows, total } = page.value;
      return ok({ items: rows, total, limit: page.value.limit, offset: page.value.offset });
    },
  },
  { from: '', to: '', category: '', reason: '', cashier: null, performance: undefined },
  REASON_PAGE,
);

export const reasonsCsv = (view: ReasonsView) => reports.reasonsCsv(reasonFilter(view));

/** Staff and terminals by name, for the filters' pickers: the first page of matches, never all. */
export const findStaff = (q: string) => reports.staffByName(q);
export const findTerminals = (q: string) => terminals.list({ q: q || undefined, limit: 20, offset: 0 });

export interface VenueFacts {
  name: string;
  timezone: string;
}

interface VenueFactsState {
  /** Venues by id, as far as they are known; a venue that cannot be read is shown by its id. */
  venues: Record<string, VenueFacts>;
  learn: (ids: readonly (string | null)[]) => Promise<void>;
}

/** Venues' names and time zones, for rows that carry only a venue's id: times show in its zone. */
export const useVenueFactsStore = create<VenueFactsState>()((set) => {
  const asked = new Set<string>();
  return {
    venues: {},
    async learn(ids) {
      const missing = [...new Set(ids)].filter((id): id is string => id !== null && !asked.has(id));
      for (const id of missing) asked.add(id);
      await Promise.all(
        missing.map(async (id) => {
          const venue = await getVenue(id);
          if (venue.ok) {
            const facts = { name: venue.value.name, timezone: venue.value.timezone };
            set((s) => ({ venues: { ...s.venues, [id]: facts } }));
          }
        }),
      );
    },
  };
});
