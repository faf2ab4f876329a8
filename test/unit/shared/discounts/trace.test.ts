import { describe, expect, it } from 'vitest';
import { evaluateCode } from '../../../../shared/discounts';
import { basket, code, customer, ctx, expectFail, expectOk, line, pct } from './builders';

describe('trace', () => {
  it('says which rules were checked and why these units were chosen', () => {
    const rules = {
      channels: ['box_office' as const],
      validFrom: '2025-07-01T00:00:00Z',
      currency: 'EUR',
      requiresCustomer: true,
      minSpend: 1000,
      maxQty: 1,
      maxDiscount: 150,
    };
    const result = expectOk(
      evaluateCode(pct(1000, rules), basket([line('a', 3000), line('b', 2000)]), ctx({ customer })),
    );
    const text = result.trace.join('\n');
    expect(text).toContain('Status is active.');
    expect(text).toContain('Channel box_office is allowed.');
    expect(text).toContain('now 2025-07-15T12:00:00Z is inside');
    expect(text).toContain('Currency EUR matches.');
    expect(text).toContain('Eligible: 2 units on 2 lines.');
    expect(text).toContain(
      'Only 1 of 2 eligible units are discounted (at most 1 per order); lowest price first: b ×1.',
    );
    expect(text).toContain('10% of 20.00 = 2.00.');
    expect(text).toContain('Capped at the maximum discount of 1.50.');
    expect(text).toContain('Split over lines by the gross of their discounted units');
  });

  it('ends a failure with the reason and the hint', () => {
    const failed = expectFail(evaluateCode(pct(1000, { minSpend: 9000 }), basket([line('a', 3000)]), ctx()));
    expect(failed.trace.at(-2)).toBe('Eligible gross 30.00 is below the minimum spend 90.00 → MIN_SPEND.');
    expect(failed.trace.at(-1)).toBe('Hint: spend 60.00 more.');
  });

  it('describes the sets of a buy_x_get_y', () => {
    const result = expectOk(
      evaluateCode(
        code({ type: 'buy_x_get_y', buy: { qty: 1 }, get: { qty: 1 }, percent: 10000 }),
        basket([line('a', 6000), line('b', 3000)]),
        ctx(),
      ),
    );
    expect(result.trace).toContain('Set 1: buy a ×1 at 60.00, get b ×1 at 30.00.');
  });

  it('is the same for the same input', () => {
    const b = basket([line('a', 6000, 3), line('b', 3000)]);
    expect(evaluateCode(pct(1500, { maxQty: 2 }), b, ctx()).trace).toEqual(
      evaluateCode(pct(1500, { maxQty: 2 }), b, ctx()).trace,
    );
  });
});
