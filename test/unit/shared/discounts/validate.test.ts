import { describe, expect, it } from 'vitest';
import {
  EngineInputError,
  evaluateCode,
  priceBasket,
  rankCodes,
  selectAutoApply,
  tryPriceBasket,
  validateBasket,
  validateCode,
  validateContext,
  validateCustom,
  type Basket,
  type CodeDefinition,
  type CustomDiscount,
  type Evaluation,
  type EvaluationContext,
  type Rules,
} from '../../../../shared/discounts';
import { basket, code, ctx, expectFail, expectOk, line, pct, usage } from './builders';

type Mutable = Record<string, unknown>;

function goodBasket(): Basket {
  return basket([line('a', 5000, 2), line('b', 3000, 1, { eventId: 'E1', scheduleId: 'S1' })]);
}

function withBasket(change: (b: Mutable & { lines: Mutable[] }) => void): Basket {
  const b = structuredClone(goodBasket()) as unknown as Mutable & { lines: Mutable[] };
  change(b);
  return b as unknown as Basket;
}

function withCode(
  change: (c: Mutable & { rules: Mutable; benefit: Mutable }) => void,
  base = pct(1000),
): CodeDefinition {
  const c = structuredClone(base) as unknown as Mutable & { rules: Mutable; benefit: Mutable };
  change(c);
  return c as unknown as CodeDefinition;
}

function withCtx(change: (c: Mutable) => void): EvaluationContext {
  const c = structuredClone(
    ctx({ customer: { id: 'k', priorOrders: 0, groups: [] }, usage: usage() }),
  ) as unknown as Mutable;
  change(c);
  return c as unknown as EvaluationContext;
}

function expectInvalid(evaluation: Evaluation, field: string): void {
  const failed = expectFail(evaluation);
  expect(failed.reason).toBe('INVALID_INPUT');
  expect(failed.overridable).toBe(false);
  expect(failed.message.en).toContain(` ${field} `);
  expect(failed.message.de).toContain(` ${field} `);
  expect(failed.trace.join(' ')).toContain(field);
}

describe('evaluateCode input checks', () => {
  it('accepts the good inputs the other cases start from', () => {
    expectOk(
      evaluateCode(
        pct(1000),
        goodBasket(),
        withCtx(() => undefined),
      ),
    );
  });

  describe('basket', () => {
    it.each<[string, (b: Mutable & { lines: Mutable[] }) => void]>([
      ['basket.currency', (b) => (b.currency = 'XXX')],
      ['basket.currency', (b) => (b.currency = 'eur')],
      ['basket.lines', (b) => (b.lines = 'x' as unknown as Mutable[])],
      ['basket.attendees', (b) => (b.attendees = -1)],
      ['basket.attendees', (b) => (b.attendees = 1.5)],
      ['basket.lines[1]', (b) => (b.lines[1] = null as unknown as Mutable)],
      ['basket.lines[0].id', (b) => (b.lines[0]!.id = '')],
      ['basket.lines[1].id', (b) => (b.lines[1]!.id = 'a')],
      ['basket.lines[0].itemId', (b) => delete b.lines[0]!.itemId],
      ['basket.lines[0].kind', (b) => (b.lines[0]!.kind = 'voucher')],
      ['basket.lines[0].unitPrice', (b) => (b.lines[0]!.unitPrice = -1)],
      ['basket.lines[0].unitPrice', (b) => (b.lines[0]!.unitPrice = 12.5)],
      ['basket.lines[0].unitPrice', (b) => (b.lines[0]!.unitPrice = '1000')],
      ['basket.lines[1].qty', (b) => (b.lines[1]!.qty = 0)],
      ['basket.lines[1].qty', (b) => (b.lines[1]!.qty = 1.5)],
      ['basket.lines[1].qty', (b) => (b.lines[1]!.qty = 100_001)],
      ['basket.lines[0].vatRate', (b) => (b.lines[0]!.vatRate = -100)],
      ['basket.lines[0].vatRate', (b) => (b.lines[0]!.vatRate = 10001)],
      ['basket.lines[1].eventId', (b) => (b.lines[1]!.eventId = 7)],
      ['basket.lines[1].scheduleId', (b) => (b.lines[1]!.scheduleId = null)],
      ['basket.lines[0].priceBandId', (b) => (b.lines[0]!.priceBandId = 1)],
      ['basket.lines[0].inventoryItemId', (b) => (b.lines[0]!.inventoryItemId = {})],
      ['basket.lines[0].category', (b) => (b.lines[0]!.category = ['x'])],
      ['basket.lines[1].unitPrice', (b) => (b.lines[1]!.unitPrice = Number.MAX_SAFE_INTEGER)],
    ])('names %s', (field, change) => {
      expectInvalid(evaluateCode(pct(1000), withBasket(change), ctx()), field);
    });

    it('refuses a basket with too many units', () => {
      const lines = Array.from({ length: 11 }, (_, i) => line(`l${i}`, 100, 100_000));
      expectInvalid(evaluateCode(pct(1000), basket(lines), ctx()), 'basket.lines');
    });

    it('refuses something that is not a basket', () => {
      expectInvalid(evaluateCode(pct(1000), null as unknown as Basket, ctx()), 'basket');
    });
  });

  describe('code', () => {
    it.each<[string, (c: Mutable & { rules: Mutable; benefit: Mutable }) => void]>([
      ['code.id', (c) => (c.id = 1)],
      ['code.code', (c) => delete c.code],
      ['code.name', (c) => (c.name = null)],
      ['code.status', (c) => (c.status = 'paused')],
      ['code.isParent', (c) => (c.isParent = 'yes')],
      ['code.autoApply', (c) => (c.autoApply = 1)],
      ['code.autoApply.priority', (c) => (c.autoApply = { priority: 1.5 })],
      ['code.benefit', (c) => (c.benefit = null as unknown as Mutable)],
      ['code.benefit.type', (c) => (c.benefit.type = 'bogus')],
      ['code.benefit.percent', (c) => (c.benefit.percent = 10001)],
      ['code.benefit.percent', (c) => (c.benefit.percent = -1)],
      ['code.benefit.percent', (c) => (c.benefit.percent = 10.5)],
      ['code.rules', (c) => (c.rules = null as unknown as Mutable)],
      ['code.rules.validFrom', (c) => (c.rules.validFrom = '2025-07-01')],
      ['code.rules.validTo', (c) => (c.rules.validTo = 'tomorrow')],
      [
        'code.rules.validTo',
        (c) => Object.assign(c.rules, { validFrom: '2025-08-01T00:00:00Z', validTo: '2025-07-01T00:00:00Z' }),
      ],
      ['code.rules.currency', (c) => (c.rules.currency = 'EURO')],
      ['code.rules.minSpend', (c) => (c.rules.minSpend = -5)],
      ['code.rules.maxSpend', (c) => Object.assign(c.rules, { minSpend: 500, maxSpend: 100 })],
      ['code.rules.minUnitPrice', (c) => (c.rules.minUnitPrice = 0.5)],
      ['code.rules.maxUnitPrice', (c) => Object.assign(c.rules, { minUnitPrice: 500, maxUnitPrice: 100 })],
      ['code.rules.maxDiscount', (c) => (c.rules.maxDiscount = -1)],
      ['code.rules.budget', (c) => (c.rules.budget = '100')],
      ['code.rules.maxQty', (c) => (c.rules.maxQty = 0)],
      ['code.rules.maxQtyPerLine', (c) => (c.rules.maxQtyPerLine = 1.5)],
      ['code.rules.registrantsPerUse', (c) => (c.rules.registrantsPerUse = 0)],
      ['code.rules.minQty', (c) => (c.rules.minQty = -1)],
      ['code.rules.maxUses', (c) => (c.rules.maxUses = 2.5)],
      ['code.rules.targets', (c) => (c.rules.targets = { by: 'item', id: 'a' })],
      ['code.rules.targets[0].by', (c) => (c.rules.targets = [{ by: 'colour', id: 'red' }])],
      ['code.rules.exclude[1].id', (c) => (c.rules.exclude = [{ by: 'item', id: 'a' }, { by: 'item' }])],
      ['code.rules.targetMode', (c) => (c.rules.targetMode = 'some')],
      ['code.rules.applyTo', (c) => (c.rules.applyTo = 'random')],
      ['code.rules.sameEvent', (c) => (c.rules.sameEvent = 1)],
      ['code.rules.customerGroups[0]', (c) => (c.rules.customerGroups = [5])],
      ['code.rules.channels[0]', (c) => (c.rules.channels = ['kiosk'])],
      ['code.rules.boxOffice.visible', (c) => (c.rules.boxOffice = { roles: ['x'] })],
      ['code.rules.boxOffice.roles', (c) => (c.rules.boxOffice = { visible: true, roles: 'x' })],
      [
        'code.rules.performanceWindow.untilMinutesBeforeStart',
        (c) => (c.rules.performanceWindow = { untilMinutesBeforeStart: '2h' }),
      ],
      [
        'code.rules.performanceWindow.fromMinutesBeforeStart',
        (c) => (c.rules.performanceWindow = { fromMinutesBeforeStart: 60, untilMinutesBeforeStart: 120 }),
      ],
      ['code.rules.minSpent', (c) => (c.rules.minSpent = 100)],
    ])('names %s', (field, change) => {
      expectInvalid(evaluateCode(withCode(change), goodBasket(), ctx()), field);
    });

    it.each<[string, CodeDefinition]>([
      ['code.benefit.amount', code({ type: 'fixed_order', amount: -100 })],
      ['code.benefit.amount', code({ type: 'fixed_per_item', amount: 1.5 })],
      ['code.benefit.prices', code({ type: 'specific_price', prices: 'x' } as never)],
      [
        'code.benefit.prices[0].unitPrice',
        code({ type: 'specific_price', prices: [{ target: { by: 'item', id: 'a' }, unitPrice: -1 }] }),
      ],
      [
        'code.benefit.prices[0].target.by',
        code({ type: 'specific_price', prices: [{ target: { by: 'x', id: 'a' }, unitPrice: 1 }] } as never),
      ],
      [
        'code.benefit.buy.qty',
        code({ type: 'buy_x_get_y', buy: { qty: 0 }, get: { qty: 1 }, percent: 10000 }),
      ],
      ['code.benefit.get', code({ type: 'buy_x_get_y', buy: { qty: 1 }, percent: 10000 } as never)],
      [
        'code.benefit.get.targets[0].id',
        code({
          type: 'buy_x_get_y',
          buy: { qty: 1 },
          get: { qty: 1, targets: [{ by: 'item' }] },
          percent: 1,
        } as never),
      ],
      [
        'code.benefit.maxApplications',
        code({ type: 'buy_x_get_y', buy: { qty: 1 }, get: { qty: 1 }, percent: 10000, maxApplications: 0 }),
      ],
      [
        'code.benefit.percent',
        code({ type: 'buy_x_get_y', buy: { qty: 1 }, get: { qty: 1 }, percent: 20000 }),
      ],
      ['code.benefit.groups', code({ type: 'multi_buy', groups: [], percent: 1000 })],
      [
        'code.benefit.groups[1].qty',
        code({ type: 'multi_buy', groups: [{ qty: 1 }, { qty: -1 }], percent: 1000 }),
      ],
      ['code.benefit.percent', code({ type: 'multi_buy', groups: [{ qty: 1 }], percent: -5 })],
    ])('names %s', (field, bad) => {
      expectInvalid(evaluateCode(bad, goodBasket(), ctx()), field);
    });
  });

  describe('context', () => {
    it.each<[string, (c: Mutable) => void]>([
      ['ctx.now', (c) => (c.now = '2025-07-15')],
      ['ctx.now', (c) => (c.now = 1752580800000)],
      ['ctx.channel', (c) => (c.channel = 'kiosk')],
      ['ctx.staffRoles', (c) => (c.staffRoles = 'seller')],
      ['ctx.staffRoles[0]', (c) => (c.staffRoles = [1])],
      ['ctx.overuse', (c) => (c.overuse = 'yes')],
      ['ctx.customer', (c) => (c.customer = 'k1')],
      ['ctx.customer.id', (c) => (c.customer = { priorOrders: 0, groups: [] })],
      ['ctx.customer.priorOrders', (c) => (c.customer = { id: 'k', priorOrders: -1, groups: [] })],
      ['ctx.customer.groups', (c) => (c.customer = { id: 'k', priorOrders: 0 })],
      ['ctx.usage', (c) => (c.usage = 5)],
      ['ctx.usage.uses', (c) => (c.usage = usage({ uses: -1 }))],
      ['ctx.usage.discountGiven', (c) => (c.usage = usage({ discountGiven: 0.5 }))],
      ['ctx.usage.customerUsesByEvent.E1', (c) => (c.usage = usage({ customerUsesByEvent: { E1: -2 } }))],
      ['ctx.usage.customerUsesBySchedule', (c) => (c.usage = { ...usage(), customerUsesBySchedule: 3 })],
      ['ctx.usageByCode.c1.itemUses', (c) => (c.usageByCode = { c1: usage({ itemUses: 1.5 }) })],
      ['ctx.performances', (c) => (c.performances = [])],
      ['ctx.performances.S1.startsAt', (c) => (c.performances = { S1: { startsAt: 'soon' } })],
    ])('names %s', (field, change) => {
      expectInvalid(evaluateCode(pct(1000), goodBasket(), withCtx(change)), field);
    });
  });

  it('reads missing usage counters as zero', () => {
    const partial = { uses: 3 } as unknown as EvaluationContext['usage'];
    expectOk(evaluateCode(pct(1000, { maxUses: 5, budget: 100_000 }), goodBasket(), ctx({ usage: partial })));
  });

  it('keeps the code id on an input failure when it has one', () => {
    expect(
      expectFail(
        evaluateCode(
          pct(1000),
          withBasket((b) => (b.currency = 'XXX')),
          ctx(),
        ),
      ).codeId,
    ).toBe('c1');
    expect(expectFail(evaluateCode(null as unknown as CodeDefinition, goodBasket(), ctx())).codeId).toBe('');
  });
});

describe('rule keys', () => {
  // Every key of the contract's Rules, with a valid value: none may be refused as unknown.
  const everyRule: Required<Rules> = {
    targets: [{ by: 'item', id: 'a' }],
    exclude: [{ by: 'item', id: 'x' }],
    targetMode: 'all',
    minTargetQty: 1,
    validFrom: '2025-01-01T00:00:00Z',
    validTo: '2025-12-31T23:59:59Z',
    currency: 'EUR',
    minSpend: 0,
    maxSpend: 10 ** 9,
    minUnitPrice: 0,
    maxUnitPrice: 10 ** 9,
    minQty: 0,
    maxQty: 100,
    maxQtyPerLine: 100,
    applyTo: 'lowest_first',
    maxDiscount: 10 ** 9,
    budget: 10 ** 9,
    minGroupSize: 0,
    registrantsPerUse: 1,
    requireAllTargets: false,
    minDistinctEvents: 0,
    sameEvent: false,
    maxUses: 100,
    maxItemUses: 100,
    maxUsesPerCustomer: 100,
    maxItemUsesPerCustomer: 100,
    maxUsesPerCustomerPerEvent: 100,
    maxUsesPerCustomerPerSchedule: 100,
    newCustomersOnly: false,
    customerGroups: [],
    requiresCustomer: true,
    channels: ['box_office'],
    boxOffice: { visible: true },
    performanceWindow: { untilMinutesBeforeStart: 0 },
  };

  it('accepts a code that sets every rule of the contract', () => {
    expect(validateCode(pct(1000, everyRule))).toEqual({ ok: true });
    expectOk(
      evaluateCode(
        pct(1000, everyRule),
        goodBasket(),
        withCtx(() => undefined),
      ),
    );
  });

  it.each(Object.keys(everyRule))('knows the rule %s on its own', (key) => {
    const rules = { [key]: everyRule[key as keyof Rules] } as Rules;
    expect(validateCode(pct(1000, rules))).toEqual({ ok: true });
  });
});

describe('validators', () => {
  it('report ok for good input', () => {
    expect(validateBasket(goodBasket())).toEqual({ ok: true });
    expect(validateCode(pct(1000))).toEqual({ ok: true });
    expect(validateContext(ctx())).toEqual({ ok: true });
    expect(validateCustom({ kind: 'fixed', value: 100, reason: 'loyal' })).toEqual({ ok: true });
  });

  it('name the field in a typed failure', () => {
    const result = validateBasket(withBasket((b) => (b.lines[1]!.qty = 0)));
    expect(result).toMatchObject({ ok: false, reason: 'INVALID_INPUT', field: 'basket.lines[1].qty' });
    if (!result.ok) {
      expect(result.message).toContain('basket.lines[1].qty');
      expect(result.messages.de).toContain('basket.lines[1].qty');
    }
  });

  it.each<[string, unknown]>([
    ['custom', 'ten'],
    ['custom.kind', { kind: 'gift', value: 1, reason: 'x' }],
    ['custom.value', { kind: 'percentage', value: 10001, reason: 'x' }],
    ['custom.value', { kind: 'fixed', value: -1, reason: 'x' }],
    ['custom.reason', { kind: 'fixed', value: 1, reason: '  ' }],
    ['custom.reason', { kind: 'fixed', value: 1 }],
  ])('name %s for a bad custom discount', (field, custom) => {
    expect(validateCustom(custom)).toMatchObject({ ok: false, field });
  });
});

describe('priceBasket input checks', () => {
  it('throws EngineInputError naming the field', () => {
    const bad = withBasket((b) => (b.lines[0]!.unitPrice = -5));
    expect(() => priceBasket(bad, null)).toThrow(EngineInputError);
    try {
      priceBasket(bad, null);
    } catch (error) {
      expect(error).toBeInstanceOf(EngineInputError);
      expect((error as EngineInputError).field).toBe('basket.lines[0].unitPrice');
      expect((error as EngineInputError).reason).toBe('INVALID_INPUT');
      expect((error as EngineInputError).messages.de).toContain('basket.lines[0].unitPrice');
    }
  });

  it('gives a typed result from tryPriceBasket', () => {
    const custom = { kind: 'fixed', value: -1, reason: 'x' } as CustomDiscount;
    expect(tryPriceBasket(goodBasket(), null, custom)).toMatchObject({ ok: false, field: 'custom.value' });
    expect(tryPriceBasket(goodBasket(), null)).toMatchObject({ ok: true, value: { total: 13000 } });
  });

  it('refuses an evaluation made for another basket', () => {
    const evaluation = evaluateCode(pct(1000), goodBasket(), ctx());
    const changed = withBasket((b) => (b.lines[0]!.qty = 3));
    expect(tryPriceBasket(changed, evaluation)).toMatchObject({
      ok: false,
      field: 'applied.lines[0].unitDiscounts',
    });
    const renamed = withBasket((b) => (b.lines[1]!.id = 'z'));
    expect(tryPriceBasket(renamed, evaluation)).toMatchObject({
      ok: false,
      field: 'applied.lines[1].lineId',
    });
    const cheaper = withBasket((b) => (b.lines[0]!.unitPrice = 100));
    expect(tryPriceBasket(cheaper, evaluation)).toMatchObject({
      ok: false,
      field: 'applied.lines[0].unitDiscounts[0]',
    });
  });

  it('refuses a tampered evaluation whose sums do not add up', () => {
    const evaluation = expectOk(evaluateCode(pct(1000), goodBasket(), ctx()));
    expect(tryPriceBasket(goodBasket(), { ...evaluation, discount: evaluation.discount + 1 })).toMatchObject({
      ok: false,
      field: 'applied.discount',
    });
    const lines = evaluation.lines.map((l, i) => (i === 0 ? { ...l, discount: l.discount + 1 } : l));
    expect(tryPriceBasket(goodBasket(), { ...evaluation, lines })).toMatchObject({
      ok: false,
      field: 'applied.lines[0].discount',
    });
  });
});

describe('rankCodes and selectAutoApply input checks', () => {
  it('throw EngineInputError for a bad basket or context', () => {
    const bad = withBasket((b) => (b.currency = 'XXX'));
    expect(() => rankCodes([pct(1000)], bad, ctx())).toThrow(EngineInputError);
    expect(() => selectAutoApply([pct(1000)], goodBasket(), { ...ctx(), now: 'later' })).toThrow(/ctx\.now/);
  });

  it('rank a malformed code as INVALID_INPUT instead of failing the whole list', () => {
    const broken = withCode(
      (c) => (c.benefit.percent = 99999),
      pct(1000, {}, { id: 'broken', code: 'BROKEN' }),
    );
    const ranked = rankCodes([broken, pct(1000, {}, { id: 'fine', code: 'FINE' })], goodBasket(), ctx());
    expect(ranked.map((r) => r.code.id)).toEqual(['fine', 'broken']);
    expect(ranked[1]?.evaluation).toMatchObject({ ok: false, reason: 'INVALID_INPUT', overridable: false });
  });

  it('never auto-applies a malformed code', () => {
    const broken = withCode((c) => (c.rules.minSpend = -1), pct(5000, {}, { autoApply: { priority: 1 } }));
    expect(selectAutoApply([broken], goodBasket(), ctx())).toBeNull();
  });
});
