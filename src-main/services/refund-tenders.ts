import type { PaymentRow } from '../../shared/ipc/domains/sales';

export type Tender = PaymentRow['tender'];
/** What a refund reads of a payment: here or on the server (another terminal's sale). */
export type Paid = Pick<PaymentRow, 'tender' | 'amount'>;

/** The tenders money was taken with, in the order they were first taken. */
const takenTenders = (payments: readonly Paid[]): Tender[] => [
  ...new Set(payments.filter((p) => p.amount > 0).map((p) => p.tender)),
];

/**
 * What is still refundable per tender kind: what the sale took with it less what went back already.
 * An exchange's payout (tender 'exchange', docs/ORDERS.md "Exchanges") moved the sale's money to the
 * new sale: it comes off the tenders the sale was paid with, in the order they were taken, as a refund
 * would have paid it back.
 */
export function refundableByTender(payments: readonly Paid[]): Map<Tender, number> {
  const left = new Map<Tender, number>();
  let moved = 0;
  for (const p of payments) {
    if (p.tender === 'exchange' && p.amount < 0) moved -= p.amount;
    else left.set(p.tender, (left.get(p.tender) ?? 0) + p.amount);
  }
  for (const tender of takenTenders(payments)) {
    const take = Math.min(moved, Math.max(0, left.get(tender) ?? 0));
    left.set(tender, (left.get(tender) ?? 0) - take);
    moved -= take;
  }
  return left;
}

/** The tenders whose money a refund may pay out: a comp and an exchange credit are no money. */
const MONEY_TENDERS: readonly Tender[] = ['cash', 'card', 'voucher'];

/**
 * The money the sale still holds, whatever it was paid with: what a refund onto a new credit voucher
 * may give at most (docs/CASH.md "Refunds onto a voucher").
 */
export function refundableMoney(payments: readonly Paid[]): number {
  const left = refundableByTender(payments);
  return MONEY_TENDERS.reduce((n, tender) => n + Math.max(0, left.get(tender) ?? 0), 0);
}

/**
 * Splits `amount` over the tenders the sale was paid with, in the order they were taken, never more
 * to a kind than it still holds: a card sale goes back to the card, a complimentary one pays out no
 * money. An exchange credit is no money to pay out: a sale paid with one is refunded to its other
 * tenders or as a supervisor overrides. With `asked`, all of it must fit that one tender. Undefined
 * when it does not fit.
 */
export function allocateRefund(
  payments: readonly Paid[],
  amount: number,
  asked?: Tender,
): { tender: Tender; amount: number }[] | undefined {
  const left = refundableByTender(payments);
  if (asked !== undefined) return (left.get(asked) ?? 0) >= amount ? [{ tender: asked, amount }] : undefined;
  const parts: { tender: Tender; amount: number }[] = [];
  let due = amount;
  for (const tender of takenTenders(payments).filter((x) => x !== 'exchange')) {
    const take = Math.min(due, Math.max(0, left.get(tender) ?? 0));
    if (take > 0) parts.push({ tender, amount: take });
    due -= take;
  }
  return due === 0 ? parts : undefined;
}

/** The tenders a sale was paid with, for a sentence: "card 38.25, cash 10.00". */
export function describeRefundable(payments: readonly Paid[], money: (amount: number) => string): string {
  return [...refundableByTender(payments)]
    .filter(([, amount]) => amount > 0)
    .map(([tender, amount]) => `${tender} ${money(amount)}`)
    .join(', ');
}
