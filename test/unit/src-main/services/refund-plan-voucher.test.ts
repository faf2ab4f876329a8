import { describe, expect, it } from 'vitest';
import { createTranslate } from '../../../../src-main/messages';
import { planRefund, type RefundInput } from '../../../../src-main/services/refund-plan';
import type { Paid } from '../../../../src-main/services/refund-tenders';

// docs/CASH.md "Refunds onto a voucher": how much of a refund goes onto a new credit voucher, and when
// the plan refuses it.

const words = { t: createTranslate(() => 'en'), language: 'en' as const, reasons: undefined };
const units = [
  { lineId: 'l1', unitIndex: 0, total: 2000 },
  { lineId: 'l1', unitIndex: 1, total: 2000 },
  { lineId: 'l2', unitIndex: 0, total: 1500 },
];
const input = (over: Partial<RefundInput> = {}): RefundInput => ({
  saleId: 's1',
  kind: 'refund',
  units: [{ lineId: 'l1', unitIndex: 0 }],
  reason: 'Customer request',
  tender: 'voucher',
  ...over,
});
const plan = (payments: Paid[], over: Partial<RefundInput> = {}, credit = 0) =>
  planRefund(units, payments, 'EUR', input(over), words, credit);

describe('planRefund onto a credit voucher', () => {
  it('puts the whole money part onto the voucher, whatever the sale was paid with, with no override', () => {
    for (const tender of ['cash', 'card', 'voucher'] as const) {
      const result = plan([{ tender, amount: 5500 }]);
      expect(result.ok && { parts: result.value.parts, toVoucher: result.value.toVoucher }).toEqual({
        parts: [],
        toVoucher: 2000,
      });
    }
    const split = plan([
      { tender: 'card', amount: 1000 },
      { tender: 'cash', amount: 4500 },
    ]);
    expect(split.ok && split.value.toVoucher).toBe(2000);
    expect(split.ok && split.value.note).toBeNull();
  });

  it('keeps an exchange credit apart and puts only the rest onto the voucher', () => {
    const result = plan([{ tender: 'cash', amount: 5500 }], {}, 1500);
    expect(result.ok && { parts: result.value.parts, toVoucher: result.value.toVoucher }).toEqual({
      parts: [{ tender: 'exchange', amount: 1500 }],
      toVoucher: 500,
    });
  });

  it('voids everything still charged onto one voucher', () => {
    const result = plan([{ tender: 'card', amount: 5500 }], {
      kind: 'void',
      units: undefined,
      reason: 'Wrong ticket sold',
    });
    expect(result.ok && result.value.toVoucher).toBe(5500);
  });

  it('never puts more onto the voucher than the money the sale still holds', () => {
    // 5500 taken, 4000 given back already: 1500 left, and a unit of 2000 does not fit.
    const result = plan([
      { tender: 'cash', amount: 5500 },
      { tender: 'cash', amount: -4000 },
    ]);
    expect(result.ok ? null : result.reason).toBe('VOUCHER_CREDIT_OVER');
    expect(result.ok ? '' : result.message).toContain('At most 15.00 EUR');
    const fits = plan(
      [
        { tender: 'cash', amount: 5500 },
        { tender: 'cash', amount: -4000 },
      ],
      { units: [{ lineId: 'l2', unitIndex: 0 }] },
    );
    expect(fits.ok && fits.value.toVoucher).toBe(1500);
  });

  it('counts no comp and no exchange credit as money to put on a voucher', () => {
    const comp = plan([{ tender: 'complimentary', amount: 5500 }]);
    expect(comp.ok ? null : comp.reason).toBe('VOUCHER_CREDIT_OVER');
    const credit = plan([{ tender: 'exchange', amount: 5500 }]);
    expect(credit.ok ? null : credit.reason).toBe('VOUCHER_CREDIT_OVER');
  });

  it('asks nothing of a voucher for a refund with no money in it', () => {
    const free = planRefund(
      [{ lineId: 'l1', unitIndex: 0, total: 0 }],
      [{ tender: 'complimentary', amount: 0 }],
      'EUR',
      input(),
      words,
    );
    expect(free.ok && { parts: free.value.parts, toVoucher: free.value.toVoucher }).toEqual({
      parts: [],
      toVoucher: 0,
    });
  });

  it('leaves a refund in cash or by card as it was: nothing onto a voucher', () => {
    const cash = plan([{ tender: 'cash', amount: 5500 }], { tender: 'cash' });
    expect(cash.ok && { parts: cash.value.parts, toVoucher: cash.value.toVoucher }).toEqual({
      parts: [{ tender: 'cash', amount: 2000 }],
      toVoucher: 0,
    });
  });
});
