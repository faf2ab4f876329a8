import { describe, expect, it } from 'vitest';
import { evaluateCode, REASON_MESSAGES } from '../../../../shared/discounts';
import { basket, customer, ctx, expectFail, expectOk, line, pct, usage } from './builders';

// Rule and clarification numbers in these tests are those of docs/ENGINE.md.

const one = basket([line('t', 5000, 1, { eventId: 'E1', scheduleId: 'S1' })]);

describe('status checks', () => {
  it.each(['disabled', 'deleted'] as const)('fails INVALID_CODE when the status is %s', (status) => {
    const failed = expectFail(evaluateCode(pct(1000, {}, { status }), one, ctx()));
    expect(failed.reason).toBe('INVALID_CODE');
    expect(failed.message).toEqual(REASON_MESSAGES.INVALID_CODE);
    expect(failed.overridable).toBe(false);
  });

  it('fails INVALID_CODE for a parent template', () => {
    expect(expectFail(evaluateCode(pct(1000, {}, { isParent: true }), one, ctx())).reason).toBe(
      'INVALID_CODE',
    );
  });

  it('checks status before everything else', () => {
    const code = pct(1000, { maxDiscount: 0, channels: ['online'] }, { status: 'disabled' });
    expect(expectFail(evaluateCode(code, one, ctx())).reason).toBe('INVALID_CODE');
  });
});

describe('MAX_DISCOUNT_ZERO', () => {
  it('fails when maxDiscount is 0, right after status and before channel', () => {
    const code = pct(1000, { maxDiscount: 0, channels: ['online'], validTo: '2020-01-01T00:00:00Z' });
    expect(expectFail(evaluateCode(code, one, ctx())).reason).toBe('MAX_DISCOUNT_ZERO');
  });
});

describe('channel and box office', () => {
  it('fails WRONG_CHANNEL when the sales point is not allowed', () => {
    expect(expectFail(evaluateCode(pct(1000, { channels: ['online'] }), one, ctx())).reason).toBe(
      'WRONG_CHANNEL',
    );
    expectOk(evaluateCode(pct(1000, { channels: ['online'] }), one, ctx({ channel: 'online' })));
  });

  it('fails NOT_IN_BOX_OFFICE when the code is hidden from box office', () => {
    expect(expectFail(evaluateCode(pct(1000, { boxOffice: { visible: false } }), one, ctx())).reason).toBe(
      'NOT_IN_BOX_OFFICE',
    );
  });

  it('fails NOT_IN_BOX_OFFICE for a role outside the narrowed roles, and passes for one inside', () => {
    const code = pct(1000, { boxOffice: { visible: true, roles: ['supervisor', 'manager'] } });
    expect(expectFail(evaluateCode(code, one, ctx())).reason).toBe('NOT_IN_BOX_OFFICE');
    expect(expectFail(evaluateCode(code, one, ctx({ staffRoles: undefined }))).reason).toBe(
      'NOT_IN_BOX_OFFICE',
    );
    expectOk(evaluateCode(code, one, ctx({ staffRoles: ['seller', 'manager'] })));
  });

  it('ignores box-office visibility online', () => {
    expectOk(evaluateCode(pct(1000, { boxOffice: { visible: false } }), one, ctx({ channel: 'online' })));
  });

  it('treats an empty role list as visible to every role', () => {
    expectOk(evaluateCode(pct(1000, { boxOffice: { visible: true, roles: [] } }), one, ctx()));
  });

  it('checks the channel before box-office visibility', () => {
    const code = pct(1000, { channels: ['online'], boxOffice: { visible: false } });
    expect(expectFail(evaluateCode(code, one, ctx())).reason).toBe('WRONG_CHANNEL');
  });
});

describe('validity', () => {
  const code = pct(1000, { validFrom: '2025-07-01T00:00:00Z', validTo: '2025-07-31T23:59:59Z' });

  it('fails NOT_YET_ACTIVE before validFrom and EXPIRED after validTo', () => {
    expect(expectFail(evaluateCode(code, one, ctx({ now: '2025-06-30T23:59:59Z' }))).reason).toBe(
      'NOT_YET_ACTIVE',
    );
    expect(expectFail(evaluateCode(code, one, ctx({ now: '2025-08-01T00:00:00Z' }))).reason).toBe('EXPIRED');
  });

  it('includes both ends', () => {
    expectOk(evaluateCode(code, one, ctx({ now: '2025-07-01T00:00:00Z' })));
    expectOk(evaluateCode(code, one, ctx({ now: '2025-07-31T23:59:59Z' })));
  });

  it('compares instants, not their spelling', () => {
    expectOk(evaluateCode(code, one, ctx({ now: '2025-08-01T01:59:59+02:00' })));
    expect(expectFail(evaluateCode(code, one, ctx({ now: '2025-08-01T02:00:00+02:00' }))).reason).toBe(
      'EXPIRED',
    );
  });

  it('checks validity before the performance window and currency', () => {
    const c = pct(1000, {
      validTo: '2025-01-01T00:00:00Z',
      currency: 'GBP',
      performanceWindow: { untilMinutesBeforeStart: 600 },
    });
    expect(expectFail(evaluateCode(c, one, ctx())).reason).toBe('EXPIRED');
  });
});

describe('performance window', () => {
  const performances = { S1: { startsAt: '2025-07-15T13:00:00Z' }, S2: { startsAt: '2025-07-15T20:00:00Z' } };
  const two = basket([
    line('soon', 5000, 1, { scheduleId: 'S1' }),
    line('later', 4000, 1, { scheduleId: 'S2' }),
  ]);

  it('fails OUTSIDE_PERFORMANCE_WINDOW when every eligible unit is too close to its start', () => {
    const code = pct(1000, { performanceWindow: { untilMinutesBeforeStart: 120 } });
    expect(
      expectFail(
        evaluateCode(
          code,
          two,
          ctx({ performances: { ...performances, S2: { startsAt: '2025-07-15T13:30:00Z' } } }),
        ),
      ).reason,
    ).toBe('OUTSIDE_PERFORMANCE_WINDOW');
  });

  it('discounts only the units inside the window', () => {
    const code = pct(1000, { performanceWindow: { untilMinutesBeforeStart: 120 } });
    const result = expectOk(evaluateCode(code, two, ctx({ performances })));
    expect(result.discount).toBe(400);
    expect(result.lines.map((l) => l.discount)).toEqual([0, 400]);
  });

  it('applies fromMinutesBeforeStart as the opening of the window, both ends inclusive', () => {
    const code = pct(1000, { performanceWindow: { fromMinutesBeforeStart: 60, untilMinutesBeforeStart: 0 } });
    // S1 starts in exactly 60 minutes (inside), S2 in 480 minutes (not yet open).
    expect(expectOk(evaluateCode(code, two, ctx({ performances }))).discount).toBe(500);
  });

  it('does not check units without performance data', () => {
    const code = pct(1000, { performanceWindow: { untilMinutesBeforeStart: 120 } });
    expect(expectOk(evaluateCode(code, two, ctx())).discount).toBe(900);
  });
});

describe('currency', () => {
  it('fails WRONG_CURRENCY for a basket in another currency', () => {
    expect(expectFail(evaluateCode(pct(1000, { currency: 'GBP' }), one, ctx())).reason).toBe(
      'WRONG_CURRENCY',
    );
    expectOk(evaluateCode(pct(1000, { currency: 'EUR' }), one, ctx()));
  });

  it('checks currency before customer rules', () => {
    expect(
      expectFail(evaluateCode(pct(1000, { currency: 'GBP', requiresCustomer: true }), one, ctx())).reason,
    ).toBe('WRONG_CURRENCY');
  });
});

describe('customer rules', () => {
  it.each([
    ['requiresCustomer', { requiresCustomer: true }],
    ['newCustomersOnly', { newCustomersOnly: true }],
    ['customerGroups', { customerGroups: ['members'] }],
    ['maxUsesPerCustomer', { maxUsesPerCustomer: 3 }],
    ['maxItemUsesPerCustomer', { maxItemUsesPerCustomer: 3 }],
    ['maxUsesPerCustomerPerEvent', { maxUsesPerCustomerPerEvent: 3 }],
    ['maxUsesPerCustomerPerSchedule', { maxUsesPerCustomerPerSchedule: 3 }],
  ])('fails CUSTOMER_REQUIRED for %s without a customer', (_name, rules) => {
    expect(expectFail(evaluateCode(pct(1000, rules), one, ctx())).reason).toBe('CUSTOMER_REQUIRED');
    expectOk(evaluateCode(pct(1000, rules), one, ctx({ customer: { ...customer, groups: ['members'] } })));
  });

  it('fails NEW_CUSTOMERS_ONLY for a customer with earlier orders', () => {
    const code = pct(1000, { newCustomersOnly: true });
    expect(
      expectFail(evaluateCode(code, one, ctx({ customer: { ...customer, priorOrders: 1 } }))).reason,
    ).toBe('NEW_CUSTOMERS_ONLY');
  });

  it('fails CUSTOMER_GROUP unless the customer is in any one of the groups', () => {
    const code = pct(1000, { customerGroups: ['members', 'press'] });
    expect(
      expectFail(evaluateCode(code, one, ctx({ customer: { ...customer, groups: ['students'] } }))).reason,
    ).toBe('CUSTOMER_GROUP');
    expectOk(evaluateCode(code, one, ctx({ customer: { ...customer, groups: ['students', 'press'] } })));
  });

  it('checks customer rules before usage limits', () => {
    const code = pct(1000, { requiresCustomer: true, maxUses: 1 });
    expect(expectFail(evaluateCode(code, one, ctx({ usage: usage({ uses: 5 }) }))).reason).toBe(
      'CUSTOMER_REQUIRED',
    );
  });
});

describe('group rules', () => {
  it('fails GROUP_TOO_SMALL below minGroupSize, counting ticket units by default', () => {
    const b = basket([line('t', 5000, 4), line('merch', 1000, 3, { kind: 'merch' })]);
    const failed = expectFail(evaluateCode(pct(1000, { minGroupSize: 5 }), b, ctx()));
    expect(failed.reason).toBe('GROUP_TOO_SMALL');
    expect(failed.hint).toBe('add 1 more attendee');
    expectOk(evaluateCode(pct(1000, { minGroupSize: 5 }), { ...b, attendees: 5 }, ctx()));
  });

  it('counts free tickets as attendees', () => {
    const b = basket([line('t', 5000, 4), line('child', 0, 1)]);
    expectOk(evaluateCode(pct(1000, { minGroupSize: 5 }), b, ctx()));
  });

  it('fails GROUP_TOO_SMALL when registrantsPerUse yields no unit', () => {
    const failed = expectFail(
      evaluateCode(pct(1000, { registrantsPerUse: 3 }), basket([line('t', 5000, 2)]), ctx()),
    );
    expect(failed.reason).toBe('GROUP_TOO_SMALL');
    expect(failed.hint).toBe('add 1 more attendee');
  });

  it('checks group rules before basket rules', () => {
    expect(
      expectFail(evaluateCode(pct(1000, { minGroupSize: 5, minSpend: 1_000_000 }), one, ctx())).reason,
    ).toBe('GROUP_TOO_SMALL');
  });
});

describe('basket rules', () => {
  it('fails MIN_SPEND below the minimum on the eligible gross and hints the missing amount', () => {
    const b = basket([line('t', 3000, 1), line('fee', 2000, 1, { kind: 'fee' })]);
    const failed = expectFail(evaluateCode(pct(1000, { minSpend: 4250 }), b, ctx()));
    expect(failed.reason).toBe('MIN_SPEND');
    expect(failed.hint).toBe('spend 12.50 more');
    expectOk(evaluateCode(pct(1000, { minSpend: 3000 }), b, ctx()));
  });

  it('fails MAX_SPEND above the maximum, inclusive', () => {
    expect(expectFail(evaluateCode(pct(1000, { maxSpend: 4999 }), one, ctx())).reason).toBe('MAX_SPEND');
    expectOk(evaluateCode(pct(1000, { maxSpend: 5000 }), one, ctx()));
  });

  it('fails MIN_QTY with too few eligible units and hints how many to add', () => {
    const failed = expectFail(evaluateCode(pct(1000, { minQty: 3 }), one, ctx()));
    expect(failed.reason).toBe('MIN_QTY');
    expect(failed.hint).toBe('add 2 more eligible tickets');
  });

  it('counts basket rules before rule 3 limits', () => {
    const b = basket([line('t', 3000, 4)]);
    expectOk(evaluateCode(pct(1000, { minQty: 4, minSpend: 12000, maxQty: 1 }), b, ctx()));
  });

  it('fails REQUIRED_ITEMS_MISSING in any mode below minTargetQty', () => {
    const code = pct(1000, { targets: [{ by: 'item', id: 'vip' }], targetMode: 'any', minTargetQty: 2 });
    const failed = expectFail(evaluateCode(code, basket([line('vip', 9000)]), ctx()));
    expect(failed.reason).toBe('REQUIRED_ITEMS_MISSING');
    expect(failed.hint).toBe('add 1 × vip');
    expect(expectOk(evaluateCode(code, basket([line('vip', 9000, 2)]), ctx())).discount).toBe(1800);
  });

  it('needs one matching unit in any mode by default', () => {
    const code = pct(1000, { targets: [{ by: 'item', id: 'vip' }], targetMode: 'any' });
    expect(expectFail(evaluateCode(code, one, ctx())).reason).toBe('REQUIRED_ITEMS_MISSING');
  });

  it('fails REQUIRED_ITEMS_MISSING when requireAllTargets misses a target', () => {
    const code = pct(1000, {
      targets: [
        { by: 'event', id: 'A' },
        { by: 'event', id: 'B' },
      ],
      requireAllTargets: true,
    });
    const onlyA = basket([line('a', 4000, 1, { eventId: 'A' })]);
    const failed = expectFail(evaluateCode(code, onlyA, ctx()));
    expect(failed.reason).toBe('REQUIRED_ITEMS_MISSING');
    expect(failed.hint).toBe('add 1 × event B');
    const both = basket([line('a', 4000, 1, { eventId: 'A' }), line('b', 6000, 1, { eventId: 'B' })]);
    expect(expectOk(evaluateCode(code, both, ctx())).discount).toBe(1000);
  });

  it('fails DISTINCT_EVENTS when eligible units span too few events', () => {
    const b = basket([line('a', 4000, 2, { eventId: 'A' }), line('x', 1000)]);
    const failed = expectFail(evaluateCode(pct(1000, { minDistinctEvents: 2 }), b, ctx()));
    expect(failed.reason).toBe('DISTINCT_EVENTS');
    expect(failed.hint).toBe('add items from 1 more event');
    const b2 = basket([line('a', 4000, 1, { eventId: 'A' }), line('b', 1000, 1, { eventId: 'B' })]);
    expectOk(evaluateCode(pct(1000, { minDistinctEvents: 2 }), b2, ctx()));
  });

  it('checks spend, then quantity, then required items, then distinct events', () => {
    const rules = {
      minSpend: 100_000,
      minQty: 5,
      targetMode: 'any' as const,
      minTargetQty: 5,
      minDistinctEvents: 3,
    };
    expect(expectFail(evaluateCode(pct(1000, rules), one, ctx())).reason).toBe('MIN_SPEND');
    expect(expectFail(evaluateCode(pct(1000, { ...rules, minSpend: 0 }), one, ctx())).reason).toBe('MIN_QTY');
    expect(expectFail(evaluateCode(pct(1000, { ...rules, minSpend: 0, minQty: 0 }), one, ctx())).reason).toBe(
      'REQUIRED_ITEMS_MISSING',
    );
    expect(expectFail(evaluateCode(pct(1000, { minDistinctEvents: 3 }), one, ctx())).reason).toBe(
      'DISTINCT_EVENTS',
    );
  });

  it('fails NO_ELIGIBLE_ITEMS when nothing qualifies and names the targets', () => {
    const failed = expectFail(
      evaluateCode(pct(1000, { targets: [{ by: 'item', id: 'speaker' }] }), one, ctx()),
    );
    expect(failed.reason).toBe('NO_ELIGIBLE_ITEMS');
    expect(failed.hint).toBe('add 1 × speaker');
  });

  it('fails NO_ELIGIBLE_ITEMS for a basket of fees and free items', () => {
    const b = basket([line('fee', 300, 1, { kind: 'fee' }), line('free', 0, 2)]);
    const failed = expectFail(evaluateCode(pct(1000), b, ctx()));
    expect(failed.reason).toBe('NO_ELIGIBLE_ITEMS');
    expect(failed.hint).toBeUndefined();
  });
});

describe('eligibility', () => {
  const b = basket([
    line('adult', 5000, 1, { eventId: 'E1', priceBandId: 'P1', category: 'music' }),
    line('child', 2000, 1, { eventId: 'E1', priceBandId: 'P2', category: 'music' }),
    line('mug', 1500, 1, { kind: 'merch', inventoryItemId: 'INV-MUG' }),
    line('fee', 300, 1, { kind: 'fee' }),
  ]);

  it.each([
    ['item', 'child', 200],
    ['event', 'E1', 700],
    ['priceBand', 'P1', 500],
    ['inventoryItem', 'INV-MUG', 150],
    ['category', 'music', 700],
    ['kind', 'merch', 150],
  ] as const)('targets by %s', (by, id, discount) => {
    expect(expectOk(evaluateCode(pct(1000, { targets: [{ by, id }] }), b, ctx())).discount).toBe(discount);
  });

  it('never discounts fee lines, even when targeted', () => {
    expect(
      expectFail(evaluateCode(pct(1000, { targets: [{ by: 'kind', id: 'fee' }] }), b, ctx())).reason,
    ).toBe('NO_ELIGIBLE_ITEMS');
  });

  it('excludes matching units', () => {
    expect(
      expectOk(evaluateCode(pct(1000, { exclude: [{ by: 'kind', id: 'merch' }] }), b, ctx())).discount,
    ).toBe(700);
  });

  it('keeps only units priced within minUnitPrice..maxUnitPrice, inclusive', () => {
    expect(
      expectOk(evaluateCode(pct(1000, { minUnitPrice: 1500, maxUnitPrice: 2000 }), b, ctx())).discount,
    ).toBe(350);
  });

  it('treats an empty target list as every unit', () => {
    expect(expectOk(evaluateCode(pct(1000, { targets: [] }), b, ctx())).discount).toBe(850);
  });
});
