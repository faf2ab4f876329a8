import { describe, expect, it } from 'vitest';
import { evaluateCode, type Benefit } from '../../../../shared/discounts';
import { basket, byLine, code, ctx, expectOk, line, pct, unitsByLine, usage } from './builders';

describe('maxDiscount', () => {
  it('caps a percentage and splits the cap by gross', () => {
    const result = expectOk(
      evaluateCode(pct(5000, { maxDiscount: 2000 }), basket([line('a', 3000), line('b', 3000)]), ctx()),
    );
    expect(result.discount).toBe(2000);
    expect(byLine(result)).toEqual({ a: 1000, b: 1000 });
  });

  it('splits a cap over per-unit discounts in proportion to the uncapped ones', () => {
    // Uncapped: a 2 × 5.00 = 10.00, b 3.00 (its price); cap 6.50 → 5.00 and 1.50.
    const b = basket([line('a', 3000, 2), line('b', 300)]);
    const result = expectOk(
      evaluateCode(code({ type: 'fixed_per_item', amount: 500 }, { maxDiscount: 650 }), b, ctx()),
    );
    expect(result.discount).toBe(650);
    expect(unitsByLine(result)).toEqual({ a: [250, 250], b: [150] });
  });

  it('splits a cap on buy_x_get_y over the free units', () => {
    const bogo: Benefit = { type: 'buy_x_get_y', buy: { qty: 1 }, get: { qty: 1 }, percent: 10000 };
    const b = basket([line('a', 6000), line('b', 5000), line('c', 4000), line('d', 3000)]);
    const result = expectOk(evaluateCode(code(bogo, { maxDiscount: 3500 }), b, ctx()));
    expect(byLine(result)).toEqual({ a: 0, b: 0, c: 2000, d: 1500 });
    expect(result.itemUses).toBe(2);
  });

  it('splits a cap on multi_buy over lines and then units', () => {
    const benefit: Benefit = {
      type: 'multi_buy',
      groups: [
        { targets: [{ by: 'event', id: 'A' }], qty: 1 },
        { targets: [{ by: 'event', id: 'B' }], qty: 1 },
      ],
      percent: 2000,
    };
    const b = basket([
      line('a', 4000, 2, { eventId: 'A' }),
      line('b1', 6000, 1, { eventId: 'B' }),
      line('b2', 5000, 1, { eventId: 'B' }),
    ]);
    expect(byLine(evaluateCode(code(benefit), b, ctx()))).toEqual({ a: 1600, b1: 1200, b2: 1000 });
    const capped = expectOk(evaluateCode(code(benefit, { maxDiscount: 1900 }), b, ctx()));
    expect(unitsByLine(capped)).toEqual({ a: [400, 400], b1: [600], b2: [500] });
  });

  it('leaves a discount below the cap alone', () => {
    expect(
      expectOk(evaluateCode(pct(1000, { maxDiscount: 5000 }), basket([line('a', 3000)]), ctx())).discount,
    ).toBe(300);
  });
});

describe('budget cap', () => {
  it('applies the smaller of maxDiscount and the budget left', () => {
    const b = basket([line('a', 10000)]);
    expect(
      expectOk(
        evaluateCode(
          pct(5000, { maxDiscount: 3000, budget: 10000 }),
          b,
          ctx({ usage: usage({ discountGiven: 8000 }) }),
        ),
      ).discount,
    ).toBe(2000);
    expect(
      expectOk(
        evaluateCode(
          pct(5000, { maxDiscount: 1000, budget: 10000 }),
          b,
          ctx({ usage: usage({ discountGiven: 8000 }) }),
        ),
      ).discount,
    ).toBe(1000);
  });

  it('splits a budget trim over lines like any cap', () => {
    const b = basket([line('a', 4300), line('b', 1400), line('c', 2300)]);
    const result = expectOk(
      evaluateCode(pct(10000, { budget: 1000 }), b, ctx({ usage: usage({ discountGiven: 700 }) })),
    );
    expect(byLine(result)).toEqual({ a: 161, b: 53, c: 86 });
  });
});
