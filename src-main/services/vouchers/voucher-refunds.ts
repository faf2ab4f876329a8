import type { PaymentRow, SaleRecord } from '../../../shared/sync/sale-record';
import { counterKey } from '../../../shared/sync/protocol';
import type { CounterNeed } from '../../../shared/sync/counters';
import type { Db } from '../../db/connection';
import { heldUnits } from '../../db/repos/lease-repo';
import { getSyncState } from '../../db/repos/sync-repo';
import { saleUnpushed, spentHereSince, type StoredVoucherRow } from '../../db/repos/voucher-repo';

// docs/CASH.md "Gift vouchers", refunds and voids at the window.
// - Money a voucher paid goes back onto that voucher, in a partial refund as in a void: the refund's
//   voucher rows name it, and the escrow gives its units back to the leases they came from. A tender
//   override would pay it out in cash or by card instead: vouchers are not paid out, so it is refused.
// - A sold voucher is taken back only while its whole value is provably unspent and no other window can
//   spend it meanwhile (takeBackProblem).

export function voucherOverrideProblem(
  sale: Pick<SaleRecord, 'payments'>,
  refund: { override: boolean },
): 'VOUCHER_REFUND_OVERRIDE' | null {
  const paidByVoucher = sale.payments.some((p) => p.tender === 'voucher' && p.amount > 0);
  return paidByVoucher && refund.override ? 'VOUCHER_REFUND_OVERRIDE' : null;
}

/** The refund's parts with the voucher part split over the vouchers the sale took it from. */
export function voucherRefundRows(
  payments: readonly Pick<PaymentRow, 'tender' | 'amount' | 'voucherId'>[],
  parts: readonly { tender: PaymentRow['tender']; amount: number }[],
): { tender: PaymentRow['tender']; amount: number; voucherId: string | null }[] {
  const rows: { tender: PaymentRow['tender']; amount: number; voucherId: string | null }[] = [];
  const left = new Map<string, number>();
  for (const p of payments)
    if (p.tender === 'voucher' && p.voucherId) left.set(p.voucherId, (left.get(p.voucherId) ?? 0) + p.amount);
  for (const part of parts) {
    if (part.amount <= 0) continue;
    if (part.tender !== 'voucher') {
      rows.push({ ...part, voucherId: null });
      continue;
    }
    let due = part.amount;
    for (const [voucherId, held] of left) {
      const take = Math.min(due, held);
      if (take <= 0) continue;
      rows.push({ tender: 'voucher', amount: take, voucherId });
      left.set(voucherId, held - take);
      due -= take;
    }
    if (due > 0) throw new Error('a voucher refund part exceeds what the vouchers paid');
  }
  return rows;
}

const voucherCounter = (voucherId: string) => counterKey({ kind: 'voucher_balance', id: voucherId });

/**
 * The vouchers these units of the sale sold, with a code, from the sale as loaded. A training voucher has
 * none and can never pay: giving it back harms no one. A credit voucher names no unit and is never here.
 */
export function vouchersSoldBy<V extends Pick<StoredVoucherRow, 'lineId' | 'unitIndex' | 'secret'>>(
  vouchers: readonly V[],
  units: readonly { lineId: string; unitIndex: number }[],
): V[] {
  const picked = new Set(units.map((u) => `${u.lineId}:${u.unitIndex}`));
  return vouchers.filter((v) => v.secret !== null && picked.has(`${v.lineId}:${v.unitIndex}`));
}

const unheard = (db: Db, saleId: string) => saleUnpushed(db, saleId, getSyncState(db)?.pushedThrough ?? 0);

/**
 * What a refund of sold vouchers asks the leases for first: each voucher's whole value. Nothing while the
 * server has not heard of them: it would only refuse.
 */
export function takeBackNeeds(db: Db, saleId: string, vouchers: readonly StoredVoucherRow[]): CounterNeed[] {
  if (vouchers.length === 0 || unheard(db, saleId)) return [];
  return vouchers.map((v) => ({ counter: voucherCounter(v.id), units: v.amount }));
}

/**
 * The first voucher whose money may not go back, or null. A voucher is whole and nobody else can spend
 * it while this window holds its whole value by lease (a spend anywhere, here included, would have left
 * less to hold), or while the server has not heard of it (its sale still waits in this window's outbox)
 * and no sale here spent it. Its leases are returned with the refund, after it in the outbox: the server
 * voids the voucher before the units reach its pool.
 */
export function takeBackProblem(
  db: Db,
  saleId: string,
  vouchers: readonly StoredVoucherRow[],
  now: string,
): StoredVoucherRow | null {
  const local = vouchers.length > 0 && unheard(db, saleId);
  for (const v of vouchers) {
    const whole = heldUnits(db, voucherCounter(v.id), now) >= v.amount;
    if (!whole && !(local && spentHereSince(db, v.id, 0) === 0)) return v;
  }
  return null;
}

/** The counters whose leases go back with the refund of these vouchers. */
export const takenBackCounters = (vouchers: readonly StoredVoucherRow[]): string[] =>
  vouchers.map((v) => voucherCounter(v.id));
