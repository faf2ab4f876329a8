import type { RefundableOrder } from '../../sync/refundable-order';
import type { PaymentRow, SaleRecord } from '../../sync/sale-record';

// A sale as stored and as the screens receive it: the types derive from the one schema of the record
// in shared/sync/sale-record.ts, which the pushed payloads derive from too.

export type * from '../../sync/sale-record';

export type { RefundableOrder, RefundableUnit } from '../../sync/refundable-order';

/** A refund or void made here of another terminal's sale (docs/ORDERS.md "Refunds at another window"). */
export interface RemoteRefundView {
  refundId: string;
  refundNo: number;
  amount: number;
  /** The order as the server shows it once the refund reaches it: the units given back here marked. */
  order: RefundableOrder;
}

/** A new line of an exchange, priced. */
export interface ExchangeLineView {
  name: string;
  detail: string;
  qty: number;
  unitPrice: number;
  total: number;
}

/** What an exchange would do (docs/ORDERS.md "Exchanges"); money in minor units of `currency`. */
export interface ExchangePreview {
  saleId: string;
  receiptNo: number;
  currency: string;
  /** What the units given back were charged: the old value. */
  givenBack: number;
  lines: ExchangeLineView[];
  gross: number;
  codeDiscount: number;
  /** The new value, with the order's code re-checked. */
  total: number;
  /** The order's code on the new tickets; `message` is the engine's sentence when it no longer applies. */
  code: { code: string; applies: boolean; message: string | null } | null;
  /** Of the old value, what pays for the new tickets (tender 'exchange'). */
  credit: number;
  /** What the customer pays on top. */
  toPay: number;
  /** What goes back to the customer, and how. */
  toRefund: number;
  refundTenders: { tender: PaymentRow['tender']; amount: number }[];
}

/** A done exchange: the new sale (exchangeOf names the old) and the refund of the old units. */
export interface ExchangeView {
  sale: SaleRecord;
  refundId: string;
  refundNo: number;
  original: { saleId: string; receiptNo: number };
}
