import type { RefundRow } from '../../shared/ipc/domains/sales';
import type { RefundableOrder } from '../../shared/sync/refundable-order';
import type { Db } from '../db/connection';
import { appendOutbox } from '../db/repos/outbox-repo';
import {
  insertRemoteRefund,
  type RemoteRefundPayment,
  type RemoteRefundRow,
} from '../db/repos/remote-refund-repo';
import { nextRefundNo } from '../db/repos/sale-repo';
import { newId } from '../ids';
import type { RefundPlan } from './refund-plan';

// The one write path of a refund of another terminal's sale, after its units were claimed on the server
// (docs/ORDERS.md "Refunds at another window"): the remote refund service and an exchange of another
// terminal's order (exchange-service.ts) both record it here, inside their own transaction.

export interface RemoteRefundWrite {
  refundId: string;
  sale: RefundableOrder;
  kind: 'refund' | 'void';
  plan: RefundPlan<RefundableOrder['units'][number]>;
  shiftId: string;
  staffId: string;
  terminalId: string;
  /** The card terminal's reference of a card payout. */
  reference: string | undefined;
  now: string;
}

/** Records the refund with its payouts in the shift and its outbox mutation; call it in a transaction. */
export function writeRemoteRefund(db: Db, w: RemoteRefundWrite): RemoteRefundRow {
  const { refundId, sale, plan, now } = w;
  const payments: RemoteRefundPayment[] = plan.parts
    .filter((part) => part.amount > 0)
    .map((part) => ({
      id: newId(),
      refundId,
      shiftId: w.shiftId,
      tender: part.tender,
      amount: -part.amount,
      reference: part.tender === 'card' ? (w.reference ?? null) : null,
      createdAt: now,
    }));
  const refund: RefundRow = {
    id: refundId,
    refundNo: nextRefundNo(db),
    saleId: sale.saleId,
    kind: w.kind,
    shiftId: w.shiftId,
    staffId: w.staffId,
    reason: plan.reason,
    note: plan.note,
    amount: plan.amount,
    createdAt: now,
    // Another terminal's sale is refunded exactly: docs/CASH.md "Cash rounding" says why.
    cashRounding: 0,
  };
  const row: RemoteRefundRow = {
    ...refund,
    saleTerminalId: sale.terminalId,
    saleTerminalName: sale.terminalName,
    saleReceiptNo: sale.receiptNo,
    currency: sale.currency,
    units: plan.units.map(receiptUnit),
  };
  insertRemoteRefund(db, row, payments);
  // The same mutation as a refund of this terminal's own sale: the server applies it to the sale
  // whichever terminal made it (src-server/services/refund-apply.ts).
  appendOutbox(db, {
    mutationId: newId(),
    type: w.kind,
    payload: {
      terminalId: w.terminalId,
      refund,
      units: plan.units.map((u) => ({ lineId: u.lineId, unitIndex: u.unitIndex })),
      // A remote sale paid by voucher is not refunded here yet (no voucher id travels with it).
      payments: payments.map((p) => ({
        ...p,
        saleId: sale.saleId,
        tendered: null,
        changeGiven: null,
        voucherId: null,
      })),
      // A refund at another window pays out in cash or by card only: it issues no credit voucher.
      vouchers: [],
    },
    createdAt: now,
  });
  return row;
}

/** What the refund receipt prints of a unit. */
function receiptUnit(u: RefundableOrder['units'][number]) {
  return { lineId: u.lineId, unitIndex: u.unitIndex, name: u.name, vatRate: u.vatRate, total: u.total };
}
