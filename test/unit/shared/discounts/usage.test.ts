import { describe, expect, it } from 'vitest';
import { evaluateCode, type Rules } from '../../../../shared/discounts';
import { basket, code, customer, ctx, expectFail, expectOk, line, pct, unitsByLine, usage } from './builders';

// Rule and clarification numbers in these tests are those of docs/ENGINE.md.

const four = basket([line('t', 3000, 4, { eventId: 'E1', scheduleId: 'S1' })]);

describe('usage limits', () => {
  it.each<[string, Rules, Parameters<typeof usage>[0]]>([
    ['MAX_USES', { maxUses: 100 }, { uses: 100 }],
    ['MAX_ITEM_USES', { maxItemUses: 10 }, { itemUses: 10 }],
    ['BUDGET_EXHAUSTED', { budget: 1000 }, { discountGiven: 1000 }],
    ['CUSTOMER_MAX_USES', { maxUsesPerCustomer: 1 }, { customerUses: 1 }],
    ['CUSTOMER_MAX_ITEM_USES', { maxItemUsesPerCustomer: 2 }, { customerItemUses: 2 }],
    ['CUSTOMER_EVENT_MAX_USES', { maxUsesPerCustomerPerEvent: 1 }, { customerUsesByEvent: { E1: 1 } }],
    [
      'CUSTOMER_SCHEDULE_MAX_USES',
      { maxUsesPerCustomerPerSchedule: 2 },
      { customerUsesBySchedule: { S1: 2 } },
    ],
  ])('fails %s, overridably, once the limit is met', (reason, rules, counts) => {
    const failed = expectFail(evaluateCode(pct(1000, rules), four, ctx({ customer, usage: usage(counts) })));
    expect(failed.reason).toBe(reason);
    expect(failed.overridable).toBe(true);
  });

  it.each<[string, Rules, Parameters<typeof usage>[0]]>([
    ['MAX_USES', { maxUses: 100 }, { uses: 99 }],
    ['BUDGET_EXHAUSTED', { budget: 1000 }, { discountGiven: 999 }],
    ['CUSTOMER_EVENT_MAX_USES', { maxUsesPerCustomerPerEvent: 1 }, { customerUsesByEvent: { E2: 5 } }],
    [
      'CUSTOMER_SCHEDULE_MAX_USES',
      { maxUsesPerCustomerPerSchedule: 1 },
      { customerUsesBySchedule: { S9: 5 } },
    ],
  ])('passes %s while below the limit', (_reason, rules, counts) => {
    expectOk(evaluateCode(pct(1000, rules), four, ctx({ customer, usage: usage(counts) })));
  });

  it('checks per-event limits only for events among the eligible units', () => {
    const b = basket([line('a', 3000, 1, { eventId: 'E1' }), line('b', 3000, 1, { eventId: 'E2' })]);
    const rules = { maxUsesPerCustomerPerEvent: 1, targets: [{ by: 'event' as const, id: 'E2' }] };
    expectOk(
      evaluateCode(pct(1000, rules), b, ctx({ customer, usage: usage({ customerUsesByEvent: { E1: 1 } }) })),
    );
    const failed = expectFail(
      evaluateCode(pct(1000, rules), b, ctx({ customer, usage: usage({ customerUsesByEvent: { E2: 1 } }) })),
    );
    expect(failed.reason).toBe('CUSTOMER_EVENT_MAX_USES');
  });

  it('reports the first limit met in the order of clarification 22', () => {
    const rules: Rules = {
      maxUses: 1,
      maxItemUses: 1,
      budget: 1,
      maxUsesPerCustomer: 1,
      maxItemUsesPerCustomer: 1,
      maxUsesPerCustomerPerEvent: 1,
      maxUsesPerCustomerPerSchedule: 1,
    };
    const all = usage({
      uses: 1,
      itemUses: 1,
      discountGiven: 1,
      customerUses: 1,
      customerItemUses: 1,
      customerUsesByEvent: { E1: 1 },
      customerUsesBySchedule: { S1: 1 },
    });
    const order = [
      'MAX_USES',
      'MAX_ITEM_USES',
      'BUDGET_EXHAUSTED',
      'CUSTOMER_MAX_USES',
      'CUSTOMER_MAX_ITEM_USES',
      'CUSTOMER_EVENT_MAX_USES',
      'CUSTOMER_SCHEDULE_MAX_USES',
    ];
    const keys = Object.keys(rules) as (keyof Rules)[];
    for (let k = 0; k < order.length; k++) {
      const remaining = Object.fromEntries(keys.slice(k).map((key) => [key, rules[key]]));
      expect(expectFail(evaluateCode(pct(1000, remaining), four, ctx({ customer, usage: all }))).reason).toBe(
        order[k],
      );
    }
  });

  it('checks usage limits before group and basket rules', () => {
    const failed = expectFail(
      evaluateCode(
        pct(1000, { maxUses: 1, minGroupSize: 10, minSpend: 10 ** 9 }),
        four,
        ctx({ usage: usage({ uses: 1 }) }),
      ),
    );
    expect(failed.reason).toBe('MAX_USES');
  });
});

describe('partial item uses', () => {
  it('discounts only the remaining item uses, lowest first, without failing', () => {
    const b = basket([line('a', 3000, 2), line('b', 2000, 2)]);
    const result = expectOk(
      evaluateCode(
        code({ type: 'fixed_per_item', amount: 500 }, { maxItemUses: 10 }),
        b,
        ctx({ usage: usage({ itemUses: 7 }) }),
      ),
    );
    expect(result.discount).toBe(1500);
    expect(result.itemUses).toBe(3);
    expect(unitsByLine(result)).toEqual({ a: [500, 0], b: [500, 500] });
    expect(result.overridden).toEqual([]);
    expect(result.trace.join(' ')).toContain('3 item uses left');
  });

  it('trims to the customer item uses left as well', () => {
    const result = expectOk(
      evaluateCode(
        pct(1000, { maxItemUses: 100, maxItemUsesPerCustomer: 3 }),
        four,
        ctx({ customer, usage: usage({ customerItemUses: 2 }) }),
      ),
    );
    expect(result.itemUses).toBe(1);
    expect(result.discount).toBe(300);
  });

  it('does not trim buy_x_get_y by item uses (clarification 18)', () => {
    const bogo = code(
      { type: 'buy_x_get_y', buy: { qty: 1 }, get: { qty: 1 }, percent: 10000 },
      { maxItemUses: 10 },
    );
    expect(expectOk(evaluateCode(bogo, four, ctx({ usage: usage({ itemUses: 9 }) }))).discount).toBe(6000);
  });
});

describe('budget', () => {
  it('trims the discount to the budget left', () => {
    expect(
      expectOk(evaluateCode(pct(5000, { budget: 1000 }), four, ctx({ usage: usage({ discountGiven: 900 }) })))
        .discount,
    ).toBe(100);
  });

  it('fails BUDGET_EXHAUSTED when nothing is left, even if overspent', () => {
    expect(
      expectFail(
        evaluateCode(pct(5000, { budget: 1000 }), four, ctx({ usage: usage({ discountGiven: 1200 }) })),
      ).reason,
    ).toBe('BUDGET_EXHAUSTED');
  });
});

describe('overuse', () => {
  it('lets every usage limit pass and lists them in order', () => {
    const rules: Rules = { maxUses: 1, budget: 100, maxUsesPerCustomerPerSchedule: 1, maxItemUses: 2 };
    const counts = usage({ uses: 3, discountGiven: 100, itemUses: 5, customerUsesBySchedule: { S1: 1 } });
    const result = expectOk(
      evaluateCode(pct(1000, rules), four, ctx({ customer, usage: counts, overuse: true })),
    );
    expect(result.discount).toBe(1200);
    expect(result.overridden).toEqual([
      'MAX_USES',
      'MAX_ITEM_USES',
      'BUDGET_EXHAUSTED',
      'CUSTOMER_SCHEDULE_MAX_USES',
    ]);
  });

  it('lifts a budget trim and lists BUDGET_EXHAUSTED', () => {
    const result = expectOk(
      evaluateCode(
        pct(5000, { budget: 1000 }),
        four,
        ctx({ usage: usage({ discountGiven: 900 }), overuse: true }),
      ),
    );
    expect(result.discount).toBe(6000);
    expect(result.overridden).toEqual(['BUDGET_EXHAUSTED']);
  });

  it('lifts an item-use trim and lists MAX_ITEM_USES', () => {
    const result = expectOk(
      evaluateCode(
        pct(1000, { maxItemUses: 10 }),
        four,
        ctx({ usage: usage({ itemUses: 8 }), overuse: true }),
      ),
    );
    expect(result.itemUses).toBe(4);
    expect(result.overridden).toEqual(['MAX_ITEM_USES']);
  });

  it('lists nothing when no limit would have applied', () => {
    const result = expectOk(
      evaluateCode(
        pct(1000, { maxUses: 10, budget: 100_000 }),
        four,
        ctx({ usage: usage({ uses: 1 }), overuse: true }),
      ),
    );
    expect(result.overridden).toEqual([]);
  });

  it('still keeps maxDiscount, which is not a usage limit', () => {
    const result = expectOk(
      evaluateCode(
        pct(5000, { maxDiscount: 500, budget: 100 }),
        four,
        ctx({ usage: usage({ discountGiven: 100 }), overuse: true }),
      ),
    );
    expect(result.discount).toBe(500);
  });

  it('never overrides other failures', () => {
    const failed = expectFail(evaluateCode(pct(1000, { minSpend: 10 ** 7 }), four, ctx({ overuse: true })));
    expect(failed.reason).toBe('MIN_SPEND');
    expect(failed.overridable).toBe(false);
    expect(
      expectFail(evaluateCode(pct(1000, { maxUsesPerCustomer: 1 }), four, ctx({ overuse: true }))).reason,
    ).toBe('CUSTOMER_REQUIRED');
  });
});

describe('usageByCode', () => {
  it('takes the code’s own counts before ctx.usage', () => {
    const rules = { maxUses: 5 };
    const context = ctx({ usage: usage({ uses: 0 }), usageByCode: { c1: usage({ uses: 5 }) } });
    expect(expectFail(evaluateCode(pct(1000, rules), four, context)).reason).toBe('MAX_USES');
    expectOk(evaluateCode(pct(1000, rules, { id: 'c2' }), four, context));
  });
});
