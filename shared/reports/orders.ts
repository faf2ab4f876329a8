import { z } from 'zod';
import type { ApprovalRow, PaymentRow, SaleLineRow } from '../sync/sale-record';
import { text } from '../text';
import { codeUseFilters, dateRange, keysetPage, type KeysetPage } from './filters';

// GET /v1/reports/orders (+ .csv) and /v1/reports/orders/:id (docs/REPORTS.md).

export const orderFilters = {
  ...dateRange,
  ...codeUseFilters,
  terminalId: z.uuid().optional(),
  performanceId: z.uuid().optional(),
  /** Exactly this customer id (a sale's customerId, an online use's customer): one customer's orders. */
  customerId: text().min(1).max(100).optional(),
};

export const orderQuerySchema = z.strictObject({ ...orderFilters, ...keysetPage });
export const orderCsvQuerySchema = z.strictObject(orderFilters);
export type OrderQuery = z.infer<typeof orderQuerySchema>;
export type OrderFilter = z.infer<typeof orderCsvQuerySchema>;

/**
 * pos: a sale a terminal pushed. online: a code use recorded through POST /v1/redemptions with no
 * sale on the server (an online shop's order); only its code use is known.
 */
export type OrderSource = 'pos' | 'online';

/** completed, partly_refunded, refunded (every unit given back) or voided. */
export type OrderStatus = 'completed' | 'partly_refunded' | 'refunded' | 'voided';

/** Money in minor units of `currency`. */
export interface OrderRow {
  orderId: string;
  source: OrderSource;
  /** The terminal's receipt number; null for an online order. */
  receiptNo: number | null;
  at: string;
  terminalId: string | null;
  terminalName: string | null;
  cashierId: string | null;
  cashierName: string | null;
  /** Name and email (or the customer id) as recorded with the order. */
  buyer: string | null;
  /** The code the order used (an order uses at most one); null without one. */
  codeId: string | null;
  code: string | null;
  overuse: boolean;
  gross: number;
  /** Code discount plus ad-hoc discount. */
  discount: number;
  total: number;
  refunded: number;
  currency: string;
  status: OrderStatus;
  /**
   * A practice sale (docs/CASH.md "Training mode"). Only a terminal's own rows can say so: a training
   * sale never reaches the server, so the server's rows leave it out.
   */
  training?: boolean;
}

export type OrderPage = KeysetPage<OrderRow>;

export type OrderLineDetail = Pick<
  SaleLineRow,
  | 'id'
  | 'lineNo'
  | 'kind'
  | 'eventId'
  | 'performanceId'
  | 'qty'
  | 'unitPrice'
  | 'gross'
  | 'codeDiscount'
  | 'customDiscount'
  | 'total'
> & {
  /** As the terminal sent them; null when it did not (an older terminal). */
  name: string | null;
  ticketTypeId: string | null;
  priceBandId: string | null;
  /** Units of this line given back by refunds and voids. */
  refundedQty: number;
};

export interface OrderPaymentDetail {
  id: string;
  tender: PaymentRow['tender'];
  /** Negative for money paid back. */
  amount: number;
  refundId: string | null;
  at: string;
}

export interface OrderRedemptionDetail {
  redemptionId: string;
  codeId: string;
  code: string;
  parentId: string | null;
  channel: 'online' | 'box_office';
  tickets: number;
  discount: number;
  revenue: number;
  overuse: boolean;
  overuseReason: string | null;
  grantedBy: string | null;
  grantedByName: string | null;
  releasedAt: string | null;
  at: string;
}

export interface OrderRefundDetail {
  refundId: string;
  kind: 'refund' | 'void';
  staffId: string;
  staffName: string | null;
  /** The terminal that made it: not always the sale's own. */
  terminalId: string;
  terminalName: string | null;
  /** The listed label (or an older refund's free text) and the note beside it (docs/CASH.md "Reasons"). */
  reason: string | null;
  note: string | null;
  amount: number;
  units: number;
  at: string;
}

export interface OrderApprovalDetail {
  kind: ApprovalRow['kind'];
  approverId: string;
  approverName: string | null;
  reason: string;
  note: string | null;
  at: string;
}

export interface OrderDetail {
  order: OrderRow;
  /** The ad-hoc discount's reason at the till, if any. */
  customDiscountReason: string | null;
  customDiscountNote: string | null;
  lines: OrderLineDetail[];
  payments: OrderPaymentDetail[];
  redemptions: OrderRedemptionDetail[];
  refunds: OrderRefundDetail[];
  approvals: OrderApprovalDetail[];
}

/** What an order's status is read from, on the server's ledger or a terminal's store. */
export interface OrderStatusFacts {
  source: OrderSource;
  saleStatus: 'completed' | 'voided' | null;
  releasedAt: string | null;
  refundedUnits: number;
  /** The sale's units; null for an online order. */
  units: number | null;
}

export function orderStatus(row: OrderStatusFacts): OrderStatus {
  if (row.saleStatus === 'voided' || (row.source === 'online' && row.releasedAt)) return 'voided';
  if (row.refundedUnits === 0) return 'completed';
  return row.units !== null && row.refundedUnits >= row.units ? 'refunded' : 'partly_refunded';
}

/**
 * The buyer in a few words: the name and email picked at the till (the sale's customer JSON), or as an
 * online order recorded them, or the customer id.
 */
export function buyerOf(row: {
  customer: string | null;
  customerId: string | null;
  buyerText: string | null;
}): string | null {
  if (row.customer) {
    try {
      const c = JSON.parse(row.customer) as { name?: unknown; email?: unknown };
      const parts = [c.name, c.email].filter((p): p is string => typeof p === 'string' && p !== '');
      if (parts.length > 0) return parts.join(' ');
    } catch {
      // a customer the terminal stored in another shape: its id still names them
    }
  }
  return row.buyerText ?? row.customerId ?? null;
}

/** A sale line in the order view; `extra` holds what only the terminal's record names. */
export function lineDetail(
  l: Omit<OrderLineDetail, 'name' | 'ticketTypeId' | 'priceBandId' | 'refundedQty'>,
  extra: { name?: string | null; ticketTypeId?: string | null; priceBandId?: string | null } | undefined,
  refundedQty: number,
): OrderLineDetail {
  return {
    id: l.id,
    lineNo: l.lineNo,
    kind: l.kind,
    name: extra?.name ?? null,
    eventId: l.eventId,
    performanceId: l.performanceId,
    ticketTypeId: extra?.ticketTypeId ?? null,
    priceBandId: extra?.priceBandId ?? null,
    qty: l.qty,
    unitPrice: l.unitPrice,
    gross: l.gross,
    codeDiscount: l.codeDiscount,
    customDiscount: l.customDiscount,
    total: l.total,
    refundedQty,
  };
}

/** An approval in the order view, with its approver's name where known. */
export function approvalDetail(
  a: Pick<ApprovalRow, 'kind' | 'approverId' | 'reason' | 'note' | 'createdAt'>,
  names: ReadonlyMap<string, string>,
): OrderApprovalDetail {
  return {
    kind: a.kind,
    approverId: a.approverId,
    approverName: names.get(a.approverId) ?? null,
    reason: a.reason,
    note: a.note,
    at: a.createdAt,
  };
}
