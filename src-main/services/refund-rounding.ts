import { refundCashDue, roundCash } from '../../shared/money/cash-rounding';
import type { PaymentRow, SaleRecord } from '../../shared/sync/sale-record';
import type { Paid, Tender } from './refund-tenders';

// docs/CASH.md "Cash rounding", refunds: a refund's cash part is rounded as a sale's is, and recorded
// as the refund's own adjustment. The tenders a refund may use are worked out in what the money paid
// for (the value), so a sale that took 10.00 in cash for 10.02 can give all of its 10.02 back.

type Sale = Pick<SaleRecord, 'sale' | 'payments' | 'refunds'>;

const cashOf = (payments: readonly PaymentRow[], refunds: boolean) =>
  payments
    .filter((p) => p.tender === 'cash' && (p.refundId !== null) === refunds)
    .reduce((n, p) => n + p.amount, 0);

/**
 * The sale's payments as the value they paid: the cash tender less the sale's rounding, plus what its
 * refunds' roundings paid back beyond their value. Unchanged for a sale nothing was rounded in.
 */
export function valuePayments(sale: Sale): readonly Paid[] {
  const adjust = sale.refunds.reduce((n, r) => n + r.cashRounding, 0) - sale.sale.cashRounding;
  return adjust === 0 ? sale.payments : [...sale.payments, { tender: 'cash', amount: adjust }];
}

/**
 * The refund's parts with the cash part as the money given back, and the refund's rounding. Cash goes
 * back cumulatively rounded (refundCashDue), so the refunds of a sale together give back exactly the
 * cash it took. A supervisor's tender override may pay cash for a sale that took none: that cash part
 * is rounded alone.
 */
export function roundRefundParts(
  sale: Sale,
  parts: readonly { tender: Tender; amount: number }[],
  step: number,
  override: boolean,
): { parts: { tender: Tender; amount: number }[]; cashRounding: number } {
  const value = parts.filter((p) => p.tender === 'cash').reduce((n, p) => n + p.amount, 0);
  if (step <= 1 || value === 0) return { parts: [...parts], cashRounding: 0 };
  const taken = cashOf(sale.payments, false);
  const back = -cashOf(sale.payments, true);
  const before = { value: back - sale.refunds.reduce((n, r) => n + r.cashRounding, 0), cash: back };
  const cash = override ? roundCash(value, step) : refundCashDue(value, before, step, taken - back).cash;
  return {
    parts: parts.map((p) => (p.tender === 'cash' ? { ...p, amount: cash } : p)),
    cashRounding: cash - value,
  };
}
