import { z } from 'zod';
import { REASON_CATEGORIES, type ReasonCategory } from '../cash/reasons';
import { text } from '../text';
import { dateRange, offsetPage, type OffsetPage } from './filters';

// GET /v1/reports/reasons (+ .csv) (docs/REPORTS.md "Reasons"): why money was given away, paid back or
// moved, by reason × cashier × performance. The categories are the reason lists' own, so a category a
// manager edits in the organisation settings is the one the report groups by.

export const reasonReportFilters = {
  ...dateRange,
  category: z.enum(REASON_CATEGORIES).optional(),
  cashierId: z.uuid().optional(),
  performanceId: z.uuid().optional(),
  /** Part of the reason, any case. */
  reason: text().min(1).max(200).optional(),
};
export const reasonQuerySchema = z.strictObject({ ...reasonReportFilters, ...offsetPage });
export const reasonCsvQuerySchema = z.strictObject(reasonReportFilters);
export type ReasonQuery = z.infer<typeof reasonQuerySchema>;
export type ReasonFilter = z.infer<typeof reasonCsvQuerySchema>;

/**
 * One reason given by one person for one performance's tickets (null: money not tied to a performance,
 * such as a cash movement or a line without one). `count` is how many sales, refunds or movements gave
 * it; `amount` what they came to in minor units of `currency`: the discount given, the money paid back,
 * or the drawer's change (paid out and drops negative).
 */
export interface ReasonRow {
  category: ReasonCategory;
  reason: string;
  cashierId: string;
  cashierName: string | null;
  performanceId: string | null;
  eventName: string | null;
  performanceStartsAt: string | null;
  count: number;
  amount: number;
  currency: string;
}

export type ReasonPage = OffsetPage<ReasonRow>;
