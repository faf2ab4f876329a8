import type { PaymentRow } from '../../shared/ipc/domains/sales';

export type Tender = PaymentRow['tender'];
/** What a refund reads of a payment: here or on the server (another terminal's sale). */
export type Paid = Pick<PaymentRow, 'tender' | 'amount'>;

/** What is still refundable per tender kind: what the sale took with it less what went back already. */
export function refundableByTender(payments: readonly Paid[]): Map<Tender, number> {
  const left = new Map<Tender, number>();
  for (const p of payments) left.set(p.tender, (left.get(p.tender) ?? 0) + p.amount);
  return left;
}

/**
 * Splits `amount` over the tenders the sale was paid with, in the order they were taken, never more
 * to a kind than it still holds: a card sale goes back to the card, a complimentary one pays out no
 * money. With `asked`, all of it must fit that one tender. Undefined when it does not fit.
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
  for (const tender of new Set(payments.filter((p) => p.amount > 0).map((p) => p.tender))) {
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
