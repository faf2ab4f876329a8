import { describe, expect, it } from 'vitest';
import { evaluateCode, type Benefit, type TargetRef } from '../../../../shared/discounts';
import { basket, byLine, code, ctx, expectFail, expectOk, line, pct, unitsByLine } from './builders';

describe('percentage', () => {
  it('takes 20 % of 195.00 as 39.00', () => {
    expect(expectOk(evaluateCode(pct(2000), basket([line('t', 19500)]), ctx())).discount).toBe(3900);
  });

  it('rounds once on the order, not per line', () => {
    // Per line 0.5 + 0.5 + 0.5 would round to 3; once on 15 it is round(1.5) = 2.
    const result = expectOk(
      evaluateCode(pct(1000), basket([line('a', 5), line('b', 5), line('c', 5)]), ctx()),
    );
    expect(result.discount).toBe(2);
    expect(byLine(result)).toEqual({ a: 1, b: 1, c: 0 });
  });

  it('splits a line evenly over its units, odd cents first', () => {
    const result = expectOk(evaluateCode(pct(1000), basket([line('t', 333, 3)]), ctx()));
    expect(result.discount).toBe(100);
    expect(unitsByLine(result)).toEqual({ t: [34, 33, 33] });
  });

  it('picks the cheapest units first by default, ties in basket order', () => {
    const b = basket([line('a', 3000), line('b', 3000), line('c', 2000)]);
    expect(byLine(evaluateCode(pct(1000, { maxQty: 2 }), b, ctx()))).toEqual({ a: 300, b: 0, c: 200 });
  });

  it('picks the most expensive units first for highest_first, ties still in basket order', () => {
    const b = basket([line('c', 2000), line('a', 3000), line('b', 3000)]);
    expect(byLine(evaluateCode(pct(1000, { maxQty: 2, applyTo: 'highest_first' }), b, ctx()))).toEqual({
      c: 0,
      a: 300,
      b: 300,
    });
  });

  it('skips a line once it holds maxQtyPerLine units', () => {
    const b = basket([line('a', 1000, 3), line('b', 2000, 3)]);
    const result = expectOk(evaluateCode(pct(1000, { maxQty: 3, maxQtyPerLine: 2 }), b, ctx()));
    expect(result.discount).toBe(400);
    expect(unitsByLine(result)).toEqual({ a: [100, 100, 0], b: [200, 0, 0] });
    expect(result.itemUses).toBe(3);
  });

  it('limits units to one per registrantsPerUse attendees', () => {
    const b = basket([line('t', 20000, 5)]);
    expect(expectOk(evaluateCode(pct(1500, { registrantsPerUse: 2 }), b, ctx())).discount).toBe(6000);
    expect(
      expectOk(evaluateCode(pct(1500, { registrantsPerUse: 2 }), { ...b, attendees: 6 }, ctx())).discount,
    ).toBe(9000);
  });

  it('gives a 0 % code as applicable with no saving', () => {
    const result = expectOk(evaluateCode(pct(0), basket([line('t', 1000)]), ctx()));
    expect(result.discount).toBe(0);
    expect(result.itemUses).toBe(0);
  });
});

describe('fixed_order', () => {
  it('takes 10.00 off 260.00 once', () => {
    expect(
      expectOk(
        evaluateCode(code({ type: 'fixed_order', amount: 1000 }), basket([line('t', 13000, 2)]), ctx()),
      ).discount,
    ).toBe(1000);
  });

  it('is capped at the eligible gross', () => {
    expect(
      expectOk(evaluateCode(code({ type: 'fixed_order', amount: 5000 }), basket([line('t', 350)]), ctx()))
        .discount,
    ).toBe(350);
  });

  it('splits 3.00 over 43.00, 14.00 and 23.00 as 1.61, 0.53 and 0.86', () => {
    const b = basket([line('a', 4300), line('b', 1400), line('c', 2300)]);
    expect(byLine(evaluateCode(code({ type: 'fixed_order', amount: 300 }), b, ctx()))).toEqual({
      a: 161,
      b: 53,
      c: 86,
    });
  });

  it('is capped at and spread over the selected units when a limit applies', () => {
    const b = basket([line('a', 3000), line('b', 2000, 2)]);
    const result = expectOk(
      evaluateCode(code({ type: 'fixed_order', amount: 5000 }, { maxQty: 1 }), b, ctx()),
    );
    expect(result.discount).toBe(2000);
    expect(unitsByLine(result)).toEqual({ a: [0], b: [2000, 0] });
  });
});

describe('fixed_per_item', () => {
  it('gives each unit the amount, never more than its price', () => {
    const result = expectOk(
      evaluateCode(
        code({ type: 'fixed_per_item', amount: 500 }),
        basket([line('a', 300, 2), line('b', 2000)]),
        ctx(),
      ),
    );
    expect(result.discount).toBe(1100);
    expect(unitsByLine(result)).toEqual({ a: [300, 300], b: [500] });
    expect(result.itemUses).toBe(3);
  });
});

describe('specific_price', () => {
  const prices = (entries: [TargetRef, number][]): Benefit => ({
    type: 'specific_price',
    prices: entries.map(([target, unitPrice]) => ({ target, unitPrice })),
  });

  it('sells each matching unit at its replacement price', () => {
    const benefit = prices([
      [{ by: 'item', id: 's6' }, 31500],
      [{ by: 'item', id: 's7' }, 33750],
    ]);
    const b = basket([line('s6', 35000), line('s7', 37500, 2), line('pkg', 50000)]);
    const result = expectOk(evaluateCode(code(benefit), b, ctx()));
    expect(byLine(result)).toEqual({ s6: 3500, s7: 7500, pkg: 0 });
    expect(result.itemUses).toBe(3);
  });

  it('uses the first matching entry', () => {
    const benefit = prices([
      [{ by: 'category', id: 'vip' }, 1000],
      [{ by: 'item', id: 'a' }, 500],
    ]);
    expect(
      expectOk(evaluateCode(code(benefit), basket([line('a', 3000, 1, { category: 'vip' })]), ctx()))
        .discount,
    ).toBe(2000);
  });

  it('never raises a price', () => {
    const result = expectOk(
      evaluateCode(code(prices([[{ by: 'item', id: 'a' }, 5000]])), basket([line('a', 3000)]), ctx()),
    );
    expect(result.discount).toBe(0);
  });

  it('fails NO_ELIGIBLE_ITEMS when no unit has a price entry', () => {
    expect(
      expectFail(evaluateCode(code(prices([[{ by: 'item', id: 'x' }, 1]])), basket([line('a', 3000)]), ctx()))
        .reason,
    ).toBe('NO_ELIGIBLE_ITEMS');
  });

  it('honours maxQty, cheapest first', () => {
    const benefit = prices([[{ by: 'kind', id: 'ticket' }, 1000]]);
    const result = expectOk(
      evaluateCode(code(benefit, { maxQty: 1 }), basket([line('a', 5000), line('b', 3000)]), ctx()),
    );
    expect(byLine(result)).toEqual({ a: 0, b: 2000 });
  });
});

const bxgy = (
  buy: number,
  get: number,
  percent = 10000,
  extra: Partial<Extract<Benefit, { type: 'buy_x_get_y' }>> = {},
): Benefit => ({
  type: 'buy_x_get_y',
  buy: { qty: buy },
  get: { qty: get },
  percent,
  ...extra,
});

describe('buy_x_get_y', () => {
  it('frees 1 and 2 for buy 2 get 1 on 6/5/4/3/2/1', () => {
    const b = basket([6, 5, 4, 3, 2, 1].map((p) => line(`p${p}`, p * 1000)));
    const result = expectOk(evaluateCode(code(bxgy(2, 1)), b, ctx()));
    expect(result.discount).toBe(3000);
    expect(byLine(result)).toMatchObject({ p1: 1000, p2: 2000, p3: 0, p6: 0 });
    expect(result.itemUses).toBe(2);
  });

  it('frees 30 and 40 for buy 1 get 1 on 60/50/40/30', () => {
    const b = basket([line('a', 6000), line('b', 5000), line('c', 4000), line('d', 3000)]);
    expect(byLine(evaluateCode(code(bxgy(1, 1)), b, ctx()))).toEqual({ a: 0, b: 0, c: 4000, d: 3000 });
  });

  it('picks get units most expensive first for highest_first', () => {
    const b = basket([line('a', 6000), line('b', 5000), line('c', 4000), line('d', 3000)]);
    expect(byLine(evaluateCode(code(bxgy(1, 1), { applyTo: 'highest_first' }), b, ctx()))).toEqual({
      a: 0,
      b: 5000,
      c: 0,
      d: 3000,
    });
  });

  it('gives a child 50 % off for two adults', () => {
    const benefit = bxgy(2, 1, 5000, {
      buy: { qty: 2, targets: [{ by: 'item', id: 'adult' }] },
      get: { qty: 1, targets: [{ by: 'item', id: 'child' }] },
    });
    const b = basket([line('adult', 3000, 4), line('child', 2000, 3)]);
    const result = expectOk(evaluateCode(code(benefit), b, ctx()));
    expect(result.discount).toBe(2000);
    expect(unitsByLine(result)).toEqual({ adult: [0, 0, 0, 0], child: [1000, 1000, 0] });
  });

  it('reserves buy units from non-get units first', () => {
    const benefit = bxgy(1, 1, 10000, { get: { qty: 1, targets: [{ by: 'category', id: 'b' }] } });
    const b = basket([
      line('a', 1000),
      line('b1', 5000, 1, { category: 'b' }),
      line('b2', 4000, 1, { category: 'b' }),
      line('b3', 3000, 1, { category: 'b' }),
    ]);
    expect(byLine(evaluateCode(code(benefit), b, ctx()))).toEqual({ a: 0, b1: 0, b2: 4000, b3: 3000 });
  });

  it('hands alternate units of one line to buy and get', () => {
    expect(unitsByLine(evaluateCode(code(bxgy(1, 1)), basket([line('t', 3000, 4)]), ctx()))).toEqual({
      t: [0, 3000, 0, 3000],
    });
  });

  it('stops at maxApplications', () => {
    expect(
      expectOk(
        evaluateCode(code(bxgy(1, 1, 10000, { maxApplications: 1 })), basket([line('t', 3000, 4)]), ctx()),
      ).discount,
    ).toBe(3000);
  });

  it('discounts nothing for a short set', () => {
    expect(expectOk(evaluateCode(code(bxgy(2, 1)), basket([line('t', 2500, 5)]), ctx())).discount).toBe(2500);
  });

  it('rounds each get unit half up', () => {
    expect(expectOk(evaluateCode(code(bxgy(1, 1, 5000)), basket([line('t', 2999, 2)]), ctx())).discount).toBe(
      1500,
    );
  });

  it('fails REQUIRED_ITEMS_MISSING and names the missing buy items', () => {
    const benefit = bxgy(2, 1, 5000, {
      buy: { qty: 2, targets: [{ by: 'item', id: 'adult' }] },
      get: { qty: 1, targets: [{ by: 'item', id: 'child' }] },
    });
    const failed = expectFail(
      evaluateCode(code(benefit), basket([line('adult', 3000), line('child', 2000)]), ctx()),
    );
    expect(failed.reason).toBe('REQUIRED_ITEMS_MISSING');
    expect(failed.hint).toBe('add 1 × adult');
    expect(expectFail(evaluateCode(code(benefit), basket([line('adult', 3000, 2)]), ctx())).hint).toBe(
      'add 1 × child',
    );
    expect(expectFail(evaluateCode(code(benefit), basket([line('x', 3000)]), ctx())).hint).toBe(
      'add 2 × adult and 1 × child',
    );
  });

  it('hints the missing units when buy and get share the eligible units', () => {
    const failed = expectFail(evaluateCode(code(bxgy(2, 1)), basket([line('t', 3000)]), ctx()));
    expect(failed.hint).toBe('add 2 more eligible tickets');
  });

  it('builds each set within one event when sameEvent is set', () => {
    const b = basket([line('a1', 3000, 2, { eventId: 'A' }), line('b1', 2000, 1, { eventId: 'B' })]);
    expect(expectOk(evaluateCode(code(bxgy(1, 1), { sameEvent: true }), b, ctx())).discount).toBe(3000);
  });

  it('fails CROSS_EVENT when a set only completes across events', () => {
    const b = basket([line('a1', 3000, 1, { eventId: 'A' }), line('b1', 2000, 1, { eventId: 'B' })]);
    const failed = expectFail(evaluateCode(code(bxgy(1, 1), { sameEvent: true }), b, ctx()));
    expect(failed.reason).toBe('CROSS_EVENT');
    expect(expectOk(evaluateCode(code(bxgy(1, 1)), b, ctx())).discount).toBe(2000);
  });

  it('respects rule targets and exclusions', () => {
    const b = basket([line('a', 3000, 2), line('vip', 9000, 2)]);
    expect(
      expectOk(evaluateCode(code(bxgy(1, 1), { exclude: [{ by: 'item', id: 'vip' }] }), b, ctx())).discount,
    ).toBe(3000);
  });
});

describe('multi_buy', () => {
  const eventsAB: Benefit = {
    type: 'multi_buy',
    groups: [
      { targets: [{ by: 'event', id: 'A' }], qty: 1 },
      { targets: [{ by: 'event', id: 'B' }], qty: 1 },
    ],
    percent: 2000,
  };

  it('takes 20 % off one ticket from each event', () => {
    const b = basket([line('ta', 4000, 1, { eventId: 'A' }), line('tb', 6000, 1, { eventId: 'B' })]);
    expect(byLine(evaluateCode(code(eventsAB), b, ctx()))).toEqual({ ta: 800, tb: 1200 });
  });

  it('repeats while complete sets remain', () => {
    const b = basket([line('ta', 4000, 3, { eventId: 'A' }), line('tb', 6000, 2, { eventId: 'B' })]);
    const result = expectOk(evaluateCode(code(eventsAB), b, ctx()));
    expect(result.discount).toBe(4000);
    expect(unitsByLine(result)).toEqual({ ta: [800, 800, 0], tb: [1200, 1200] });
  });

  it('rounds once per set, and the sets add up', () => {
    // Each set: round(10 % of 0.05) = 0.01, two sets = 0.02; once on the order it would be 0.01.
    const b = basket([line('ta', 3, 2, { eventId: 'A' }), line('tb', 2, 2, { eventId: 'B' })]);
    const result = expectOk(evaluateCode(code({ ...eventsAB, percent: 1000 }), b, ctx()));
    expect(result.discount).toBe(2);
    expect(unitsByLine(result)).toEqual({ ta: [1, 1], tb: [0, 0] });
  });

  it('fills groups in listed order with their most expensive units, without re-assigning', () => {
    const greedy: Benefit = {
      type: 'multi_buy',
      groups: [{ qty: 1 }, { targets: [{ by: 'event', id: 'B' }], qty: 1 }],
      percent: 2000,
    };
    const b = basket([line('tb', 6000, 1, { eventId: 'B' }), line('ta', 4000, 1, { eventId: 'A' })]);
    const failed = expectFail(evaluateCode(code(greedy), b, ctx()));
    expect(failed.reason).toBe('REQUIRED_ITEMS_MISSING');
    expect(failed.hint).toBe('add 1 × event B');
  });

  it('fails REQUIRED_ITEMS_MISSING when a group is unmet', () => {
    const failed = expectFail(
      evaluateCode(code(eventsAB), basket([line('ta', 4000, 2, { eventId: 'A' })]), ctx()),
    );
    expect(failed.reason).toBe('REQUIRED_ITEMS_MISSING');
    expect(failed.hint).toBe('add 1 × event B');
  });

  it('fails CROSS_EVENT when sameEvent groups only fill across events', () => {
    const any3: Benefit = { type: 'multi_buy', groups: [{ qty: 3 }], percent: 2000 };
    const b = basket([line('a1', 3000, 2, { eventId: 'A' }), line('b1', 3000, 1, { eventId: 'B' })]);
    expect(expectFail(evaluateCode(code(any3, { sameEvent: true }), b, ctx())).reason).toBe('CROSS_EVENT');
    const same = basket([line('a1', 3000, 3, { eventId: 'A' }), line('b1', 3000, 1, { eventId: 'B' })]);
    const result = expectOk(evaluateCode(code(any3, { sameEvent: true }), same, ctx()));
    expect(byLine(result)).toEqual({ a1: 1800, b1: 0 });
  });

  it('hints the shortfall of an untargeted group', () => {
    const failed = expectFail(
      evaluateCode(
        code({ type: 'multi_buy', groups: [{ qty: 3 }], percent: 2000 }),
        basket([line('t', 3000)]),
        ctx(),
      ),
    );
    expect(failed.hint).toBe('add 2 more eligible tickets');
  });
});
