export interface ShiftRow {
  id: string;
  openedBy: string;
  openedAt: string;
  openingFloat: number;
  closedBy: string | null;
  closedAt: string | null;
  countedCash: number | null;
  expectedCash: number | null;
}

import type { CashMovementRow, CashMovementTotals } from '../../cash/movements';

export interface ShiftFigures {
  /** Paid in, paid out, drops, float changes and no-sales, per kind (docs/CASH.md); in the expected cash. */
  cashMovements: CashMovementTotals[];
  /** Each movement, oldest first, with the name of who made it. */
  movements: (CashMovementRow & { staff: string })[];
  byTender: { tender: string; amount: number; count: number }[];
  /** Completed sales only: a voided one is under `voided`, its money back under `refunds`. */
  sales: {
    count: number;
    gross: number;
    codeDiscount: number;
    customDiscount: number;
    total: number;
  };
  /**
   * Gift vouchers the shift's completed sales issued, in `sales.total` but no takings of goods: stored
   * value sold (docs/CASH.md "Gift vouchers"). Absent: none (an older main process).
   */
  vouchersSold?: { count: number; amount: number };
  /** Comped units of completed sales at their full price, in all and per reason (docs/CASH.md "Comps"). */
  comps: { count: number; value: number; byReason: { reason: string; count: number; value: number }[] };
  /** The shift's sales since voided, shown apart from the takings. */
  voided: { count: number; total: number };
  /**
   * The shift's training sales (docs/CASH.md "Training mode"): counted apart, in no other figure, and
   * their money in neither the tenders nor the expected cash.
   */
  training: { count: number; total: number };
  refunds: { kind: string; count: number; amount: number }[];
  /**
   * What cash rounding added to the drawer (docs/CASH.md "Cash rounding"): the shift's sales' roundings
   * less its refunds'. Already in the cash tender above and in the expected cash.
   */
  cashRounding: number;
  byCode: { code: string; orders: number; discount: number }[];
  customByReason: { reason: string; orders: number; discount: number }[];
  overuses: {
    receiptNo: number;
    code: string;
    approver: string;
    reason: string;
    limits: string;
    /** The sale was voided since: the overuse stays on record, marked. */
    voided: boolean;
  }[];
  byCashier: {
    cashier: string;
    orders: number;
    total: number;
    codeDiscount: number;
    customDiscount: number;
    /** How many of this cashier's sales were voided (not in `orders` or `total`). */
    voided: number;
  }[];
}

/** The shift's Z report: cash expected against counted, and the discount section. */
export interface ZReport {
  shift: ShiftRow;
  openedByName: string;
  closedByName: string | null;
  expectedCash: number;
  countedCash: number | null;
  /** counted − expected: negative means cash is missing. */
  difference: number | null;
  figures: ShiftFigures;
}

/** A cash movement just recorded, whether the drawer opened, and the shift's report after it. */
export interface CashMovementView {
  movement: CashMovementRow;
  /** 'off': no drawer on this terminal's printer; 'failed': the printer did not take the pulse. */
  drawer: 'opened' | 'off' | 'failed';
  /** The sentence for a drawer that did not open; null otherwise. */
  drawerMessage: string | null;
  report: ZReport;
}
