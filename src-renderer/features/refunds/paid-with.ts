import type { PaymentRow } from '../../../shared/ipc/domains/sales';
import type { SaleView } from '../../../shared/ipc/types';

type Paid = { tender: PaymentRow['tender']; amount: number; refundId?: string | null };

/**
 * Money goes back the way it was paid (the core refuses anything else without a supervisor's
 * override), so the refund form starts on the first money tender the sale took: of a sale here, or of
 * another terminal's as the server lists its payments (payouts are negative).
 */
export function firstTender(payments: readonly Paid[]): 'cash' | 'card' {
  const paid = payments.find(
    (p) => (p.refundId ?? null) === null && p.amount > 0 && (p.tender === 'cash' || p.tender === 'card'),
  );
  return paid?.tender === 'card' ? 'card' : 'cash';
}

export function paidWith(sale: SaleView | null): 'cash' | 'card' {
  return firstTender(sale?.payments ?? []);
}
