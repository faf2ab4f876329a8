import type { PaymentRow, SaleRecord } from '../../../shared/sync/sale-record';

// docs/CASH.md "Gift vouchers", refunds and voids at the window. A whole-sale void of a sale paid by
// voucher puts each voucher's part back on its voucher: the payment rows name it, and the escrow gives
// its units back to the leases they came from (escrow.giveBack with the code's units, which voucher
// counters are, not being capacity). A partial refund would have to choose which voucher gets what
// and how that squares with the cash rounding: it is refused until that is designed. A sale that
// issued vouchers is not refunded here: the vouchers' balances live on the server.

export type VoucherRefundProblem = 'VOUCHER_NOT_REFUNDED' | 'VOUCHER_PARTIAL_REFUND';

export function voucherRefundProblem(
  sale: Pick<SaleRecord, 'sale' | 'payments' | 'vouchers'>,
  refund: { wholeVoid: boolean; override: boolean; parts: readonly { tender: string }[] },
): VoucherRefundProblem | null {
  // A training sale's vouchers have no code and can never pay: giving it back harms no one.
  if (sale.vouchers.length > 0 && sale.sale.training === 0) return 'VOUCHER_NOT_REFUNDED';
  const paidByVoucher = sale.payments.some((p) => p.tender === 'voucher' && p.amount > 0);
  if (!paidByVoucher && !refund.parts.some((p) => p.tender === 'voucher')) return null;
  // An override would pay the voucher's part out in another tender while its units went back too.
  return refund.wholeVoid && !refund.override ? null : 'VOUCHER_PARTIAL_REFUND';
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
