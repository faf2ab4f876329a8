import type { OrderDetail, OrderFilter, OrderPage } from '../reports/orders';
import type { ReasonFilter, ReasonPage } from '../reports/reasons';
import type { SalesByPerformanceQuery, SalesByPerformanceReport } from '../reports/sales';
import type { ShiftFilter, ShiftPage } from '../reports/shifts';
import type { VoucherReport, VoucherReportQuery } from '../reports/vouchers';
import type { TicketsPdfQuery } from '../tickets/ticket-api';
import type { ServerCall } from './call';
import type { Page, PageRequest } from './page';

// The back office's reports (docs/REPORTS.md) as a client calls them: orders a keyset page at a time and
// one order's detail, sales by performance, shifts, and each one's CSV twin with the same filters.
// Query shapes are the routes' own (shared/reports/).

export type OrderPageRequest = OrderFilter & { limit: number; cursor?: string | undefined };

export function reportCalls(call: ServerCall) {
  const csv = (path: string, query: object) =>
    call<string>('GET', `${path}.csv`, { query: { ...query }, text: true });
  return {
    orders: (query: OrderPageRequest) =>
      call<OrderPage>('GET', '/v1/reports/orders', { query: { ...query } }),
    order: (orderId: string) => call<OrderDetail>('GET', `/v1/reports/orders/${orderId}`),
    ordersCsv: (filter: OrderFilter) => csv('/v1/reports/orders', filter),
    /** The order's valid tickets as a PDF (docs/TICKETS.md "Printing tickets"). */
    ticketsPdf: (orderId: string, query: TicketsPdfQuery) =>
      call<Uint8Array<ArrayBuffer>>('GET', `/v1/orders/${orderId}/tickets.pdf`, {
        query: { ...query },
        bytes: true,
      }),
    salesByPerformance: (query: SalesByPerformanceQuery) =>
      call<SalesByPerformanceReport>('GET', '/v1/reports/sales-by-performance', { query: { ...query } }),
    salesByPerformanceCsv: (query: SalesByPerformanceQuery) => csv('/v1/reports/sales-by-performance', query),
    shifts: (query: ShiftFilter & PageRequest) =>
      call<ShiftPage>('GET', '/v1/reports/shifts', { query: { ...query } }),
    shiftsCsv: (filter: ShiftFilter) => csv('/v1/reports/shifts', filter),
    reasons: (query: ReasonFilter & PageRequest) =>
      call<ReasonPage>('GET', '/v1/reports/reasons', { query: { ...query } }),
    reasonsCsv: (filter: ReasonFilter) => csv('/v1/reports/reasons', filter),
    /** Gift vouchers sold, spent and voided per business day, and what is still owed (docs/CASH.md). */
    vouchers: (query: Partial<VoucherReportQuery>) =>
      call<VoucherReport>('GET', '/v1/reports/vouchers', { query: { ...query } }),
    /** Staff by part of their name (GET /v1/staff), for choosing whose orders or shifts to show. */
    staffByName: (q: string, limit = 20) =>
      call<Page<{ id: string; name: string }>>('GET', '/v1/staff', {
        query: { q: q || undefined, limit, offset: 0 },
      }),
  };
}
