import type { SaleView } from '../../../shared/ipc/types';

/**
 * Money goes back the way it was paid (the core refuses anything else without a supervisor's
 * override), so the refund form starts on the first money tender the sale took.
 */
export function paidWith(sale: SaleView | null): 'cash' | 'card' {
  const paid = sale?.payments.find(
    (p) => p.refundId === null && p.amount > 0 && p.tender !== 'complimentary',
  );
  return paid?.tender === 'card' ? 'card' : 'cash';
}
