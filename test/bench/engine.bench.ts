import {
  evaluateCode,
  rankCodes,
  type Basket,
  type BasketLine,
  type CodeDefinition,
  type EvaluationContext,
} from '../../shared/discounts';
import { percentile, sample, type BenchSuite, type Figure } from './harness';

// The discount engine's hot paths: one evaluation of a rule-heavy code on a 50-line basket (the sell
// screen re-prices on every change) and ranking 1,000 / 10,000 codes on a 20-line basket (the box
// office dropdown), plus a heap check over a million evaluations.

function basketOf(lineCount: number): Basket {
  const kinds: BasketLine['kind'][] = ['ticket', 'ticket', 'ticket', 'addon', 'merch', 'fee'];
  const lines: BasketLine[] = [];
  for (let i = 0; i < lineCount; i++) {
    const kind = kinds[i % kinds.length] as BasketLine['kind'];
    lines.push({
      id: `l${i}`,
      itemId: kind === 'ticket' ? (['adult', 'child', 'senior'][i % 3] as string) : `item${i % 7}`,
      kind,
      unitPrice: kind === 'fee' ? 250 : 1500 + ((i * 1237) % 9000),
      qty: 1 + (i % 4),
      vatRate: kind === 'merch' ? 1900 : 700,
      eventId: `E${i % 4}`,
      scheduleId: `S${i % 6}`,
      priceBandId: `P${i % 3}`,
      category: i % 2 === 0 ? 'music' : 'theatre',
    });
  }
  return { currency: 'EUR', lines };
}

const performances = Object.fromEntries(
  Array.from({ length: 6 }, (_, s) => [`S${s}`, { startsAt: `2025-07-${16 + s}T19:30:00Z` }]),
);

const ctx: EvaluationContext = {
  now: '2025-07-15T12:00:00Z',
  channel: 'box_office',
  staffRoles: ['seller', 'supervisor'],
  customer: { id: 'k1', priorOrders: 0, groups: ['members'] },
  usage: {
    uses: 10,
    itemUses: 40,
    discountGiven: 12_000,
    customerUses: 0,
    customerItemUses: 1,
    customerUsesByEvent: { E1: 0 },
    customerUsesBySchedule: {},
  },
  performances,
};

/** A percentage code exercising most rules at once. */
const heavyCode: CodeDefinition = {
  id: 'heavy',
  code: 'HEAVY20',
  name: 'Rule-heavy bench code',
  status: 'active',
  benefit: { type: 'percentage', percent: 2000 },
  rules: {
    targets: [
      { by: 'kind', id: 'ticket' },
      { by: 'category', id: 'music' },
      { by: 'priceBand', id: 'P1' },
    ],
    exclude: [{ by: 'item', id: 'item3' }],
    targetMode: 'any',
    minTargetQty: 2,
    validFrom: '2025-01-01T00:00:00Z',
    validTo: '2025-12-31T23:59:59Z',
    currency: 'EUR',
    minSpend: 5000,
    maxSpend: 10_000_000,
    minUnitPrice: 100,
    maxUnitPrice: 1_000_000,
    minQty: 2,
    maxQty: 60,
    maxQtyPerLine: 3,
    applyTo: 'highest_first',
    maxDiscount: 50_000,
    budget: 10_000_000,
    minGroupSize: 2,
    minDistinctEvents: 2,
    maxUses: 1000,
    maxItemUses: 100_000,
    maxUsesPerCustomer: 5,
    maxItemUsesPerCustomer: 500,
    maxUsesPerCustomerPerEvent: 3,
    maxUsesPerCustomerPerSchedule: 3,
    customerGroups: ['members', 'staff'],
    channels: ['box_office', 'online'],
    boxOffice: { visible: true, roles: ['supervisor'] },
    performanceWindow: { fromMinutesBeforeStart: 100_000, untilMinutesBeforeStart: 60 },
  },
};

/**
 * A catalogue mix: every benefit type and a dozen rules; one code in eight is not yet valid, the rest
 * apply (the costlier case: a full result per code). Values come from the short menus real
 * catalogues use (5 % to 24 %, 5.00 to 50.00), so codes repeat each other's terms as child codes and
 * seasonal copies do.
 */
function catalogue(size: number): CodeDefinition[] {
  const codes: CodeDefinition[] = [];
  for (let i = 0; i < size; i++) {
    const variant = i % 8;
    const base = {
      id: `c${i}`,
      code: `CODE${String(i).padStart(5, '0')}`,
      name: `Code ${i}`,
      status: 'active' as const,
    };
    switch (variant) {
      case 0:
        codes.push({
          ...base,
          benefit: { type: 'percentage', percent: 500 + (i % 20) * 100 },
          rules: { maxQty: 4 },
        });
        break;
      case 1:
        codes.push({
          ...base,
          benefit: { type: 'fixed_order', amount: 500 * (1 + (i % 10)) },
          rules: { minSpend: 3000 + (i % 50) * 1000 },
        });
        break;
      case 2:
        codes.push({
          ...base,
          benefit: { type: 'fixed_per_item', amount: 300 },
          rules: { targets: [{ by: 'item', id: 'child' }], maxItemUses: 1000 },
        });
        break;
      case 3:
        codes.push({
          ...base,
          benefit: {
            type: 'buy_x_get_y',
            buy: { qty: 2, targets: [{ by: 'item', id: 'adult' }] },
            get: { qty: 1, targets: [{ by: 'item', id: 'child' }] },
            percent: 5000,
          },
          rules: {},
        });
        break;
      case 4:
        codes.push({
          ...base,
          benefit: {
            type: 'multi_buy',
            groups: [
              { targets: [{ by: 'event', id: 'E0' }], qty: 1 },
              { targets: [{ by: 'event', id: 'E1' }], qty: 1 },
            ],
            percent: 1500,
          },
          rules: { validTo: '2025-12-31T23:59:59Z' },
        });
        break;
      case 5:
        codes.push({
          ...base,
          benefit: { type: 'percentage', percent: 1000 },
          rules: { validFrom: '2026-01-01T00:00:00Z' },
        });
        break;
      case 6:
        codes.push({
          ...base,
          benefit: {
            type: 'specific_price',
            prices: [{ target: { by: 'priceBand', id: 'P2' }, unitPrice: 1000 }],
          },
          rules: { channels: ['box_office'], maxDiscount: 5000 },
        });
        break;
      default:
        codes.push({
          ...base,
          benefit: { type: 'percentage', percent: 1000 },
          rules: { boxOffice: { visible: true, roles: ['seller'] }, minQty: 30 },
        });
    }
  }
  return codes;
}

function heapUsedMb(): number {
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export const engineSuite: BenchSuite = {
  name: 'engine',
  async run(): Promise<Figure[]> {
    const big = basketOf(50);
    const check = evaluateCode(heavyCode, big, ctx);
    if (!check.ok) throw new Error(`bench code does not apply: ${check.reason}`);

    const evaluations = await sample(() => evaluateCode(heavyCode, big, ctx), 20_000, 5_000);
    const p50 = percentile(evaluations, 50) * 1000;
    const p99 = percentile(evaluations, 99) * 1000;

    const basket = basketOf(20);
    const thousand = catalogue(1000);
    const tenThousand = catalogue(10_000);
    const rank1000 = percentile(await sample(() => rankCodes(thousand, basket, ctx), 200, 20), 50);
    const rank10000 = percentile(await sample(() => rankCodes(tenThousand, basket, ctx), 30, 5), 50);

    const gc = (globalThis as { gc?: () => void }).gc;
    let growth = NaN;
    if (gc) {
      gc();
      const before = heapUsedMb();
      let sink = 0;
      for (let i = 0; i < 1_000_000; i++) {
        const result = evaluateCode(heavyCode, big, ctx);
        if (result.ok) sink += result.discount;
      }
      gc();
      growth = heapUsedMb() - before;
      if (sink <= 0) throw new Error('evaluations returned no discount');
    }

    return [
      {
        name: 'engine.evaluate_p50_us',
        value: p50,
        unit: 'µs',
        target: { op: '<=', value: 20 },
        note: '50 lines, rule-heavy code',
      },
      { name: 'engine.evaluate_p99_us', value: p99, unit: 'µs' },
      {
        name: 'engine.rank_1000_ms',
        value: rank1000,
        unit: 'ms',
        target: { op: '<=', value: 5 },
        note: 'p50, 20 lines',
      },
      {
        name: 'engine.rank_10000_ms',
        value: rank10000,
        unit: 'ms',
        target: { op: '<=', value: 50 },
        note: 'p50, 20 lines',
      },
      gc
        ? {
            name: 'engine.heap_growth_mb_1m',
            value: growth,
            unit: 'MB',
            target: { op: '<=', value: 5 },
            note: '1,000,000 evaluations',
          }
        : {
            name: 'engine.heap_growth_mb_1m',
            value: NaN,
            unit: 'MB',
            note: 'skipped: run node with --expose-gc',
          },
    ];
  },
};
