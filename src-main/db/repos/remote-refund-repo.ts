import type { PaymentRow, RefundRow } from '../../../shared/sync/sale-record';
import { prepared, type Db } from '../connection';
import { fromRow, insertRow as insert } from '../rows';

// Refunds this terminal made of another terminal's sales (migrations/terminal/0021_remote_refunds.sql,
// docs/ORDERS.md "Refunds at another window").

/** A unit given back, as the refund receipt prints it. */
export interface RemoteRefundUnit {
  lineId: string;
  unitIndex: number;
  name: string;
  vatRate: number;
  total: number;
}

export interface RemoteRefundRow extends RefundRow {
  saleTerminalId: string;
  saleTerminalName: string | null;
  saleReceiptNo: number;
  currency: string;
  units: RemoteRefundUnit[];
}

export type RemoteRefundPayment = Pick<
  PaymentRow,
  'id' | 'refundId' | 'shiftId' | 'tender' | 'amount' | 'reference' | 'createdAt'
>;

/** Writes the refund and the money it paid out of this terminal's drawer; call inside its transaction. */
export function insertRemoteRefund(
  db: Db,
  refund: RemoteRefundRow,
  payments: readonly RemoteRefundPayment[],
): void {
  insert(db, 'remote_refunds', { ...refund, units: JSON.stringify(refund.units) });
  for (const payment of payments) insert(db, 'remote_refund_payments', payment);
}

export function findRemoteRefund(
  db: Db,
  id: string,
): { refund: RemoteRefundRow; payments: RemoteRefundPayment[] } | undefined {
  const row = prepared(db, 'SELECT * FROM remote_refunds WHERE id = ?').get(id);
  if (!row) return undefined;
  const stored = fromRow<Omit<RemoteRefundRow, 'units'> & { units: string }>(row);
  const payments = prepared(db, 'SELECT * FROM remote_refund_payments WHERE refund_id = ? ORDER BY id')
    .all(id)
    .map((p) => fromRow<RemoteRefundPayment>(p));
  return { refund: { ...stored, units: JSON.parse(stored.units) as RemoteRefundUnit[] }, payments };
}

/**
 * Unit keys ("lineId:unitIndex") of a sale this terminal gave back already: the server learns of them
 * only when the refund is pushed, so the terminal itself must not give them back twice meanwhile.
 */
export function unitsRefundedHere(db: Db, saleId: string): Set<string> {
  const rows = prepared(
    db,
    `SELECT json_extract(u.value, '$.lineId') || ':' || json_extract(u.value, '$.unitIndex') AS key
     FROM remote_refunds r, json_each(r.units) u WHERE r.sale_id = ?`,
  ).all(saleId) as { key: string }[];
  return new Set(rows.map((r) => r.key));
}
