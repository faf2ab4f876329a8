import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  OVERRIDABLE_REASONS,
  evaluateCode,
  priceBasket,
  rankCodes,
  type Basket,
  type BasketLine,
  type Benefit,
  type CodeDefinition,
  type CustomDiscount,
  type Evaluation,
  type EvaluationContext,
  type Rules,
  type TargetRef,
} from '../../../../shared/discounts';

// Random baskets, codes and contexts against the invariants of docs/ENGINE.md rules 1, 8, 9, 11, 12 and 13.
const RUNS = 300;

const itemIds = ['adult', 'child', 'senior', 'mug', 'program'];
const targetArb: fc.Arbitrary<TargetRef> = fc.oneof(
  fc.record({ by: fc.constant('item' as const), id: fc.constantFrom(...itemIds) }),
  fc.record({ by: fc.constant('event' as const), id: fc.constantFrom('A', 'B', 'C') }),
  fc.record({ by: fc.constant('kind' as const), id: fc.constantFrom('ticket', 'addon', 'merch') }),
  fc.record({ by: fc.constant('category' as const), id: fc.constantFrom('music', 'theatre') }),
);
const targetsArb = fc.array(targetArb, { minLength: 1, maxLength: 3 });

function lineArb(index: number, distinctPrice: boolean): fc.Arbitrary<BasketLine> {
  return fc.record(
    {
      id: fc.constant(`l${index}`),
      itemId: fc.constantFrom(...itemIds),
      kind: fc.constantFrom('ticket', 'ticket', 'addon', 'merch', 'fee'),
      unitPrice: distinctPrice
        ? fc.integer({ min: 1, max: 300 }).map((p) => p * 64 + index)
        : fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20000 })),
      qty: fc.integer({ min: 1, max: 5 }),
      vatRate: fc.constantFrom(0, 700, 1900, 2000),
      eventId: fc.constantFrom('A', 'B', 'C'),
      scheduleId: fc.constantFrom('S1', 'S2'),
      category: fc.constantFrom('music', 'theatre'),
    },
    { requiredKeys: ['id', 'itemId', 'kind', 'unitPrice', 'qty', 'vatRate'] },
  );
}

function basketArb(distinctPrices = false): fc.Arbitrary<Basket> {
  return fc.integer({ min: 0, max: 7 }).chain((count) =>
    fc.record(
      {
        currency: fc.constantFrom('EUR', 'JPY', 'KWD'),
        lines: fc.tuple(...Array.from({ length: count }, (_, i) => lineArb(i, distinctPrices))),
        attendees: fc.integer({ min: 0, max: 12 }),
      },
      { requiredKeys: ['currency', 'lines'] },
    ),
  );
}

const percentArb = fc.oneof(fc.integer({ min: 0, max: 10000 }), fc.constantFrom(1000, 2000, 5000, 10000));
const groupArb = fc.record(
  { targets: targetsArb, qty: fc.integer({ min: 1, max: 3 }) },
  { requiredKeys: ['qty'] },
);

const benefitArb: fc.Arbitrary<Benefit> = fc.oneof(
  fc.record({ type: fc.constant('percentage' as const), percent: percentArb }),
  fc.record({ type: fc.constant('fixed_order' as const), amount: fc.integer({ min: 0, max: 30000 }) }),
  fc.record({ type: fc.constant('fixed_per_item' as const), amount: fc.integer({ min: 0, max: 5000 }) }),
  fc.record({
    type: fc.constant('specific_price' as const),
    prices: fc.array(fc.record({ target: targetArb, unitPrice: fc.integer({ min: 0, max: 15000 }) }), {
      minLength: 1,
      maxLength: 3,
    }),
  }),
  fc.record(
    {
      type: fc.constant('buy_x_get_y' as const),
      buy: groupArb,
      get: groupArb,
      percent: percentArb,
      maxApplications: fc.integer({ min: 1, max: 3 }),
    },
    { requiredKeys: ['type', 'buy', 'get', 'percent'] },
  ),
  fc.record({
    type: fc.constant('multi_buy' as const),
    groups: fc.array(groupArb, { minLength: 1, maxLength: 3 }),
    percent: percentArb,
  }),
);

const ruleArbs: fc.Arbitrary<Rules>[] = [
  targetsArb.map((targets) => ({ targets })),
  fc.array(targetArb, { minLength: 1, maxLength: 2 }).map((exclude) => ({ exclude })),
  fc.record({
    targetMode: fc.constantFrom('all' as const, 'any' as const),
    minTargetQty: fc.integer({ min: 0, max: 4 }),
  }),
  fc.integer({ min: 0, max: 20000 }).map((minSpend) => ({ minSpend })),
  fc.record({
    minUnitPrice: fc.integer({ min: 0, max: 3000 }),
    maxUnitPrice: fc.integer({ min: 3000, max: 20000 }),
  }),
  fc.integer({ min: 0, max: 4 }).map((minQty) => ({ minQty })),
  fc.record({
    maxQty: fc.integer({ min: 1, max: 6 }),
    applyTo: fc.constantFrom('highest_first' as const, 'lowest_first' as const),
  }),
  fc.integer({ min: 1, max: 3 }).map((maxQtyPerLine) => ({ maxQtyPerLine })),
  fc.integer({ min: 0, max: 20000 }).map((maxDiscount) => ({ maxDiscount })),
  fc.integer({ min: 0, max: 50000 }).map((budget) => ({ budget })),
  fc.integer({ min: 1, max: 3 }).map((registrantsPerUse) => ({ registrantsPerUse })),
  fc.boolean().map((sameEvent) => ({ sameEvent })),
  fc.integer({ min: 0, max: 8 }).map((maxUses) => ({ maxUses })),
  fc.integer({ min: 0, max: 16 }).map((maxItemUses) => ({ maxItemUses })),
  fc.integer({ min: 0, max: 8 }).map((maxItemUsesPerCustomer) => ({ maxItemUsesPerCustomer })),
];

/** A few rules at a time, as real codes have: a dozen at once would almost never apply. */
const rulesArb: fc.Arbitrary<Rules> = fc
  .array(fc.oneof(...ruleArbs), { maxLength: 3 })
  .map((parts) => Object.assign({}, ...parts) as Rules);

const codeArb: fc.Arbitrary<CodeDefinition> = fc.record({
  id: fc.constant('c1'),
  code: fc.constant('RANDOM'),
  name: fc.constant('random'),
  status: fc.constant('active' as const),
  benefit: benefitArb,
  rules: rulesArb,
});

const ctxArb: fc.Arbitrary<EvaluationContext> = fc.record({
  now: fc.constant('2025-07-15T12:00:00Z'),
  channel: fc.constant('box_office' as const),
  customer: fc.constant({ id: 'k1', priorOrders: 0, groups: [] }),
  overuse: fc.boolean(),
  usage: fc.record({
    uses: fc.integer({ min: 0, max: 6 }),
    itemUses: fc.integer({ min: 0, max: 12 }),
    discountGiven: fc.integer({ min: 0, max: 50000 }),
    customerUses: fc.constant(0),
    customerItemUses: fc.integer({ min: 0, max: 6 }),
    customerUsesByEvent: fc.constant({}),
    customerUsesBySchedule: fc.constant({}),
  }),
});

const customArb: fc.Arbitrary<CustomDiscount | undefined> = fc.option(
  fc.oneof(
    fc.record({
      kind: fc.constant('fixed' as const),
      value: fc.integer({ min: 0, max: 50000 }),
      reason: fc.constant('test'),
    }),
    fc.record({
      kind: fc.constant('percentage' as const),
      value: fc.integer({ min: 0, max: 10000 }),
      reason: fc.constant('test'),
    }),
  ),
  { nil: undefined },
);

function checkAmounts(basket: Basket, evaluation: Evaluation): void {
  if (!evaluation.ok) return;
  expect(Number.isSafeInteger(evaluation.discount)).toBe(true);
  expect(evaluation.lines.map((l) => l.lineId)).toEqual(basket.lines.map((l) => l.id));
  let sum = 0;
  let discounted = 0;
  evaluation.lines.forEach((entry, i) => {
    const line = basket.lines[i] as BasketLine;
    expect(entry.unitDiscounts).toHaveLength(line.qty);
    let lineSum = 0;
    for (const unit of entry.unitDiscounts) {
      expect(Number.isSafeInteger(unit)).toBe(true);
      expect(unit).toBeGreaterThanOrEqual(0);
      expect(unit).toBeLessThanOrEqual(line.kind === 'fee' ? 0 : line.unitPrice);
      if (unit > 0) discounted += 1;
      lineSum += unit;
    }
    expect(entry.discount).toBe(lineSum);
    sum += lineSum;
  });
  expect(evaluation.discount).toBe(sum);
  expect(evaluation.itemUses).toBe(discounted);
}

describe('engine properties', () => {
  it('generates a useful mix of applicable and failing evaluations', () => {
    const samples = fc.sample(fc.tuple(codeArb, basketArb(), ctxArb), { numRuns: 400, seed: 42 });
    const results = samples.map(([code, basket, ctx]) => evaluateCode(code, basket, ctx));
    const applied = results.filter((r) => r.ok && r.discount > 0).length;
    expect(applied).toBeGreaterThan(120);
    expect(results.length - applied).toBeGreaterThan(40);
    expect(results.some((r) => !r.ok && r.reason === 'INVALID_INPUT')).toBe(false);
  });

  it('adds unit discounts up to lines and lines up to the discount, each unit within its price', () => {
    fc.assert(
      fc.property(codeArb, basketArb(), ctxArb, (code, basket, ctx) => {
        checkAmounts(basket, evaluateCode(code, basket, ctx));
      }),
      { numRuns: RUNS },
    );
  });

  it('prices every basket to a non-negative total whose VAT adds up per rate', () => {
    fc.assert(
      fc.property(codeArb, basketArb(), ctxArb, customArb, (code, basket, ctx, custom) => {
        const evaluation = evaluateCode(code, basket, ctx);
        const priced = priceBasket(basket, evaluation, custom);
        expect(priced.total).toBeGreaterThanOrEqual(0);
        expect(priced.total).toBe(priced.gross - priced.codeDiscount - priced.customDiscount);
        expect(priced.lines.reduce((s, l) => s + l.total, 0)).toBe(priced.total);
        expect(priced.lines.reduce((s, l) => s + l.customDiscount, 0)).toBe(priced.customDiscount);
        for (const l of priced.lines) {
          expect(l.total).toBeGreaterThanOrEqual(0);
          expect(l.total).toBe(l.gross - l.codeDiscount - l.customDiscount);
        }
        expect(priced.vat.reduce((s, v) => s + v.gross, 0)).toBe(priced.total);
        for (const v of priced.vat) {
          expect(v.net + v.vat).toBe(v.gross);
          expect(v.vat).toBeGreaterThanOrEqual(0);
          expect(Number.isSafeInteger(v.net)).toBe(true);
        }
        if (custom?.kind === 'fixed') expect(priced.customDiscount).toBeLessThanOrEqual(custom.value);
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps maxDiscount always and the remaining budget without overuse', () => {
    fc.assert(
      fc.property(codeArb, basketArb(), ctxArb, (code, basket, ctx) => {
        const evaluation = evaluateCode(code, basket, ctx);
        if (!evaluation.ok) return;
        const { maxDiscount, budget } = code.rules;
        if (maxDiscount !== undefined) expect(evaluation.discount).toBeLessThanOrEqual(maxDiscount);
        if (budget !== undefined && ctx.overuse !== true) {
          expect(evaluation.discount).toBeLessThanOrEqual(budget - (ctx.usage?.discountGiven ?? 0));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('lets overuse change only overridable outcomes', () => {
    fc.assert(
      fc.property(codeArb, basketArb(), ctxArb, (code, basket, ctx) => {
        const without = evaluateCode(code, basket, { ...ctx, overuse: false });
        const granted = evaluateCode(code, basket, { ...ctx, overuse: true });
        if (without.ok) {
          expect(without.overridden).toEqual([]);
          expect(granted.ok).toBe(true);
          if (granted.ok) expect(granted.discount).toBeGreaterThanOrEqual(without.discount);
        } else if (!without.overridable) {
          expect(granted).toMatchObject({ ok: false, reason: without.reason });
        } else if (!granted.ok) {
          expect(granted.overridable).toBe(false);
        }
        if (granted.ok)
          for (const reason of granted.overridden) expect(OVERRIDABLE_REASONS.has(reason)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the same result when evaluated twice', () => {
    fc.assert(
      fc.property(codeArb, basketArb(), ctxArb, (code, basket, ctx) => {
        expect(evaluateCode(code, basket, ctx)).toEqual(evaluateCode(code, basket, ctx));
      }),
      { numRuns: RUNS },
    );
  });

  it('does not depend on line order when prices are distinct, up to a tie-break cent', () => {
    const permuted = basketArb(true).chain((basket) =>
      fc.tuple(
        fc.constant(basket),
        fc.shuffledSubarray(basket.lines, { minLength: basket.lines.length, maxLength: basket.lines.length }),
      ),
    );
    fc.assert(
      fc.property(codeArb, permuted, ctxArb, (code, [basket, lines], ctx) => {
        // sameEvent visits events in basket order; that order is a documented tie-break.
        const stable = { ...code, rules: { ...code.rules, sameEvent: false } };
        const a = evaluateCode(stable, basket, ctx);
        const b = evaluateCode(stable, { ...basket, lines }, ctx);
        expect(b.ok).toBe(a.ok);
        if (!a.ok || !b.ok) {
          if (!a.ok && !b.ok) expect(b.reason).toBe(a.reason);
          return;
        }
        expect(b.discount).toBe(a.discount);
        const other = new Map(b.lines.map((l) => [l.lineId, l.discount]));
        const capped = code.rules.maxDiscount !== undefined || code.rules.budget !== undefined;
        const perUnit =
          ['fixed_per_item', 'specific_price', 'buy_x_get_y'].includes(code.benefit.type) && !capped;
        const qty = new Map(basket.lines.map((l) => [l.id, l.qty]));
        for (const line of a.lines) {
          const diff = Math.abs(line.discount - (other.get(line.lineId) ?? NaN));
          // multi_buy rounds each set once and breaks its remainder ties by basket order, so a line may
          // win or lose one cent in every set it joins (at most one per unit), and a cap splits once more.
          const tieBreaks =
            code.benefit.type === 'multi_buy' ? (qty.get(line.lineId) ?? 0) + (capped ? 1 : 0) : 1;
          expect(diff).toBeLessThanOrEqual(perUnit ? 0 : tieBreaks);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('ranks applicable codes first and by saving', () => {
    fc.assert(
      fc.property(fc.array(codeArb, { maxLength: 6 }), basketArb(), ctxArb, (codes, basket, ctx) => {
        const named = codes.map((c, i) => ({ ...c, id: `c${i}`, code: `CODE${i}` }));
        const ranked = rankCodes(named, basket, ctx);
        expect(ranked).toHaveLength(named.length);
        for (let i = 1; i < ranked.length; i++) {
          const prev = (ranked[i - 1] as (typeof ranked)[number]).evaluation;
          const next = (ranked[i] as (typeof ranked)[number]).evaluation;
          if (next.ok) expect(prev.ok).toBe(true);
          if (prev.ok && next.ok) expect(prev.discount).toBeGreaterThanOrEqual(next.discount);
        }
        for (const { evaluation } of ranked) checkAmounts(basket, evaluation);
      }),
      { numRuns: 150 },
    );
  });
});
