import type { RefundableOrder } from '../../shared/sync/refundable-order';
import type { RedemptionRow, SaleRecord } from '../../shared/sync/sale-record';
import type { Paid } from './refund-tenders';

// The order an exchange gives units back from (exchange-service.ts, docs/ORDERS.md "Exchanges"): a sale
// of this terminal from its store, or, online, another terminal's as the server holds it. The exchange
// plans on this one shape whichever it is.

export type OpenUnit = { lineId: string; unitIndex: number; total: number };

/** The order given back from: this terminal's sale, or another terminal's as the server holds it. */
export interface Order {
  saleId: string;
  receiptNo: number;
  currency: string;
  status: 'completed' | 'voided';
  codeId: string | null;
  own: Pick<RedemptionRow, 'itemUses' | 'discount' | 'releasedAt'> | null;
  scopes: readonly { eventId: string; performanceId: string }[];
  customer: string | null;
  open: readonly OpenUnit[];
  payments: readonly Paid[];
  /** Set for another terminal's order. */
  remote: RefundableOrder | null;
}

export const localOrder = (sale: SaleRecord): Order => ({
  saleId: sale.sale.id,
  receiptNo: sale.sale.receiptNo,
  currency: sale.sale.currency,
  status: sale.sale.status,
  codeId: sale.sale.codeId,
  own: sale.redemption,
  scopes: sale.scopes,
  customer: sale.sale.customer,
  open: sale.units.filter((u) => u.refundId === null && u.refundedElsewhereId === null),
  payments: sale.payments,
  remote: null,
});

export const remoteOrder = (sale: RefundableOrder): Order => ({
  saleId: sale.saleId,
  receiptNo: sale.receiptNo,
  currency: sale.currency,
  status: sale.status,
  codeId: sale.codeId,
  // A voided order is refused before its use is looked at: an order still charged holds its use.
  own: sale.redemption && { ...sale.redemption, releasedAt: null },
  scopes: sale.scopes,
  customer: sale.customer,
  open: sale.units.filter((u) => !u.refunded),
  payments: sale.payments,
  remote: sale,
});
