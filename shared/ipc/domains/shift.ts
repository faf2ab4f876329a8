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

export interface ShiftFigures {
  byTender: { tender: string; amount: number; count: number }[];
  /** Completed sales only: a voided one is under `voided`, its money back under `refunds`. */
  sales: { count: number; gross: number; codeDiscount: number; customDiscount: number; total: number };
  /** The shift's sales since voided, shown apart from the takings. */
  voided: { count: number; total: number };
  refunds: { kind: string; count: number; amount: number }[];
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
