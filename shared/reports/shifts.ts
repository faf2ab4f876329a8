import { z } from 'zod';
import { CASH_MOVEMENT_KINDS, type CashMovementKind } from '../cash/movements';
import { dateRange, offsetPage, type OffsetPage } from './filters';

// GET /v1/reports/shifts (+ .csv) (docs/REPORTS.md).

export const shiftFilters = {
  ...dateRange,
  terminalId: z.uuid().optional(),
  /** Who opened or closed the shift. */
  cashierId: z.uuid().optional(),
};
export const shiftQuerySchema = z.strictObject({ ...shiftFilters, ...offsetPage });
export const shiftCsvQuerySchema = z.strictObject(shiftFilters);
export type ShiftQuery = z.infer<typeof shiftQuerySchema>;
export type ShiftFilter = z.infer<typeof shiftCsvQuerySchema>;

// 'exchange' nets to zero in a shift: an exchange's refund pays it out and its new sale takes it in.
export const TENDERS = ['cash', 'card', 'complimentary', 'exchange'] as const;
export type Tender = (typeof TENDERS)[number];

/** The movement kinds that move money, each a sum in the report; no_sale is counted in `noSales`. */
export const SHIFT_CASH_KINDS = CASH_MOVEMENT_KINDS.filter(
  (k): k is Exclude<CashMovementKind, 'no_sale'> => k !== 'no_sale',
);

/**
 * One shift at one terminal, from its pushed open/close events and the sales, refunds and cash
 * movements pushed in it. Money in minor units of `currency`; null where the close has not reached the server yet.
 */
export interface ShiftRow {
  shiftId: string;
  terminalId: string;
  terminalName: string;
  venueId: string;
  venueName: string;
  openedBy: string | null;
  openedByName: string | null;
  closedBy: string | null;
  closedByName: string | null;
  openedAt: string | null;
  closedAt: string | null;
  openingFloat: number | null;
  expectedCash: number | null;
  countedCash: number | null;
  /** counted − expected: negative when cash is missing. */
  difference: number | null;
  sales: number;
  /** Sum of the shift's sale totals. */
  salesTotal: number;
  /** Money paid back in this shift (refunds and voids). */
  refundsTotal: number;
  /**
   * What cash rounding added to the drawer (docs/CASH.md "Cash rounding"): the sales' roundings less
   * the refunds'. Already in `tenders.cash`.
   */
  cashRounding: number;
  /** Per tender: taken minus paid back in this shift. */
  tenders: Record<Tender, number>;
  /** Per kind, the shift's cash movements as they moved the drawer: paid out and drops negative; no_sale 0. */
  cashMovements: Record<CashMovementKind, number>;
  /** How often the drawer was opened without a sale. */
  noSales: number;
  /**
   * Comped units of the shift's completed sales at their full price, in all and per reason
   * (docs/CASH.md "Comps"): what was given away, outside the takings.
   */
  comps: ShiftComps;
  currency: string;
}

export type ShiftPage = OffsetPage<ShiftRow>;

export interface ShiftComps {
  count: number;
  value: number;
  byReason: { reason: string; count: number; value: number }[];
}
