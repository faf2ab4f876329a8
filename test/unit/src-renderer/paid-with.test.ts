import { describe, expect, it } from 'vitest';
import type { PaymentRow } from '../../../shared/ipc/domains/sales';
import type { SaleView } from '../../../shared/ipc/types';
import { paidWith } from '../../../src-renderer/features/refunds/paid-with';

const payment = (tender: PaymentRow['tender'], amount: number, refundId: string | null = null): PaymentRow =>
  ({
    id: `p-${tender}-${amount}`,
    saleId: 's1',
    refundId,
    shiftId: 'shift-1',
    tender,
    amount,
    tendered: null,
    changeGiven: null,
  }) as PaymentRow;

const sale = (...payments: PaymentRow[]) => ({ payments }) as unknown as SaleView;

describe('paidWith (the refund form’s first tender)', () => {
  it('starts on card for a card sale and on cash for a cash one', () => {
    expect(paidWith(sale(payment('card', 4500)))).toBe('card');
    expect(paidWith(sale(payment('cash', 4500)))).toBe('cash');
    expect(paidWith(sale(payment('card', 1000), payment('cash', 3500)))).toBe('card');
  });

  it('skips comps and earlier refunds, and falls back to cash with nothing found', () => {
    expect(paidWith(sale(payment('complimentary', 4500), payment('card', 1000)))).toBe('card');
    expect(paidWith(sale(payment('cash', -1000, 'r1'), payment('card', 4500)))).toBe('card');
    expect(paidWith(null)).toBe('cash');
  });
});
