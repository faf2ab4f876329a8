import { z } from 'zod';
import { dateRange } from './filters';

// GET /v1/reports/sales-by-performance (+ .csv) (docs/REPORTS.md).

export const salesByPerformanceQuerySchema = z.strictObject({
  ...dateRange,
  eventId: z.uuid().optional(),
  performanceId: z.uuid().optional(),
  venueId: z.uuid().optional(),
});
export type SalesByPerformanceQuery = z.infer<typeof salesByPerformanceQuerySchema>;

/**
 * Tickets sold at the terminals for one performance, ticket type and price band, in one currency.
 * Money in minor units: net = gross − discount − refunded.
 */
export interface SalesByPerformanceRow {
  eventId: string | null;
  eventName: string | null;
  venueId: string | null;
  performanceId: string;
  performanceStartsAt: string | null;
  /** Null when the terminal did not say (an older terminal). */
  ticketTypeId: string | null;
  ticketTypeName: string | null;
  priceBandId: string | null;
  priceBandName: string | null;
  ticketsSold: number;
  ticketsRefunded: number;
  gross: number;
  discount: number;
  refunded: number;
  net: number;
  currency: string;
}

export interface SalesByPerformanceReport {
  rows: SalesByPerformanceRow[];
}
