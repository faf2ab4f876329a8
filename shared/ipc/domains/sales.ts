import type { RefundableOrder } from '../../sync/refundable-order';

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
