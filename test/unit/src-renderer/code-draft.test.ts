import { describe, expect, it } from 'vitest';
import type { Benefit, Rules } from '../../../shared/discounts';
import type { ManagedCode } from '../../../shared/ipc/domains/manage';
import {
  draftFromCode,
  emptyDraft,
  fieldOf,
  toCreateInput,
  toUpdateInput,
} from '../../../src-renderer/features/manage/code-draft';

function managed(benefit: Benefit, rules: Rules = {}): ManagedCode {
  return {
    id: '0190c6d8-0000-7000-8000-000000000001',
    code: 'TEST',
    name: 'Test',
    status: 'active',
    benefit,
    rules,
    version: 1,
    parentId: null,
    description: '',
    offlinePolicy: 'best_effort',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    usage: { uses: 0, itemUses: 0, discountGiven: 0 },
    lifecycle: 'active',
    remainingUses: null,
  };
}

const BENEFITS: Benefit[] = [
  { type: 'percentage', percent: 1250 },
  { type: 'fixed_order', amount: 1000 },
  { type: 'fixed_per_item', amount: 250 },
  { type: 'specific_price', prices: [{ target: { by: 'item', id: 'adult' }, unitPrice: 3000 }] },
  {
    type: 'buy_x_get_y',
    buy: { qty: 2, targets: [{ by: 'item', id: 'adult' }] },
    get: { qty: 1, targets: [{ by: 'item', id: 'child' }] },
    percent: 5000,
    maxApplications: 3,
  },
  {
    type: 'multi_buy',
    groups: [
      { qty: 1, targets: [{ by: 'event', id: 'hamlet' }] },
      { qty: 1, targets: [{ by: 'event', id: 'lear' }] },
    ],
    percent: 1000,
  },
];

const EVERY_RULE: Rules = {
  targets: [{ by: 'event', id: 'hamlet' }],
  exclude: [{ by: 'priceBand', id: 'box' }],
  targetMode: 'any',
  minTargetQty: 2,
  validFrom: '2026-05-01T08:00:00.000Z',
  validTo: '2026-06-01T20:30:00.000Z',
  currency: 'EUR',
  minSpend: 2000,
  maxSpend: 50000,
  minUnitPrice: 500,
  maxUnitPrice: 9000,
  minQty: 2,
  maxQty: 6,
  maxQtyPerLine: 3,
  applyTo: 'highest_first',
  maxDiscount: 3000,
  budget: 100000,
  minGroupSize: 4,
  registrantsPerUse: 5,
  requireAllTargets: true,
  minDistinctEvents: 2,
  sameEvent: true,
  maxUses: 100,
  maxItemUses: 300,
  maxUsesPerCustomer: 1,
  maxItemUsesPerCustomer: 4,
  maxUsesPerCustomerPerEvent: 1,
  maxUsesPerCustomerPerSchedule: 1,
  newCustomersOnly: true,
  customerGroups: ['members', 'students'],
  requiresCustomer: true,
  channels: ['box_office'],
  boxOffice: { visible: true, roles: ['supervisor', 'manager'] },
  performanceWindow: { fromMinutesBeforeStart: 1440, untilMinutesBeforeStart: 120 },
};

describe('code-draft', () => {
  it.each(BENEFITS.map((b) => [b.type, b] as const))('round-trips a %s code unchanged', (_type, benefit) => {
    const result = toUpdateInput(draftFromCode(managed(benefit, EVERY_RULE)));
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({ benefit, rules: EVERY_RULE, autoApply: null }) as unknown,
    });
  });

  it('puts a typed-text error beside its field and keeps the draft as typed', () => {
    const draft = { ...emptyDraft(), code: 'SPRING', name: 'Spring', percent: '150', maxUses: 'ten' };
    const result = toCreateInput(draft);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.percent?.key).toBe('manage.err.percent');
    expect(result.errors.maxUses?.key).toBe('manage.err.wholeNumber');
    expect(draft.percent).toBe('150');
  });

  it('takes cross-field errors from the shared schema', () => {
    const draft = {
      ...emptyDraft(),
      code: 'X',
      name: 'X',
      percent: '10',
      minSpend: '50',
      maxSpend: '20',
      validFrom: '2026-06-02T10:00',
      validTo: '2026-06-01T10:00',
      channelOnline: false,
      channelBoxOffice: false,
    };
    const result = toCreateInput(draft);
    expect(result.ok ? {} : result.errors).toMatchObject({
      maxSpend: { key: 'manage.err.spendOrder' },
      validTo: { key: 'manage.err.validOrder' },
      channels: { key: 'manage.err.channels' },
    });
  });

  it('refuses a code with spaces and an empty name', () => {
    const result = toCreateInput({ ...emptyDraft(), code: 'has space', name: ' ', percent: '5' });
    expect(result.ok ? {} : result.errors).toMatchObject({
      code: { key: 'manage.err.codeFormat' },
      name: { key: 'manage.err.required' },
    });
  });

  it('builds a create request the server schema accepts', () => {
    const result = toCreateInput({
      ...emptyDraft(),
      code: 'summer20',
      name: 'Summer',
      percent: '20',
      maxUses: '50',
    });
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        code: 'summer20',
        benefit: { type: 'percentage', percent: 2000 },
        rules: { maxUses: 50 },
      }) as unknown,
    });
  });

  it('holds picked targets as the ids the code stores, and leaves out a list with none picked', () => {
    const draft = draftFromCode(
      managed({ type: 'percentage', percent: 1000 }, { targets: [{ by: 'event', id: 'hamlet' }] }),
    );
    expect(draft.targets).toEqual([{ by: 'event', id: 'hamlet' }]);
    draft.targets.push({ by: 'item', id: 'adult' });
    draft.exclude = [];
    const result = toUpdateInput(draft);
    expect(result.ok && result.value.rules).toEqual({
      targets: [
        { by: 'event', id: 'hamlet' },
        { by: 'item', id: 'adult' },
      ],
    });
  });

  it('reads each special price beside its own target and marks the one that does not read', () => {
    const draft = {
      ...emptyDraft(),
      code: 'PRICES',
      name: 'Prices',
      type: 'specific_price' as const,
      prices: [
        { target: { by: 'item' as const, id: 'adult' }, price: '30.00' },
        { target: { by: 'item' as const, id: 'child' }, price: 'cheap' },
      ],
    };
    const refused = toCreateInput(draft);
    expect(refused.ok ? {} : refused.errors).toEqual({
      'prices.1': { key: 'manage.err.amount', values: { example: '12.50' } },
    });
    expect(draft.prices[1]?.price).toBe('cheap');
    const fixed = toCreateInput({
      ...draft,
      prices: [draft.prices[0]!, { ...draft.prices[1]!, price: '15' }],
    });
    expect(fixed.ok && fixed.value.benefit).toEqual({
      type: 'specific_price',
      prices: [
        { target: { by: 'item', id: 'adult' }, unitPrice: 3000 },
        { target: { by: 'item', id: 'child' }, unitPrice: 1500 },
      ],
    });
  });

  it('asks for at least one special price when none is picked', () => {
    const result = toCreateInput({ ...emptyDraft(), code: 'P', name: 'P', type: 'specific_price' });
    expect(result.ok ? {} : result.errors).toMatchObject({ prices: { key: 'manage.err.atLeastOne' } });
  });

  it('maps schema paths to form fields', () => {
    expect(fieldOf(['benefit', 'prices', 2, 'unitPrice'])).toBe('prices.2');
    expect(fieldOf(['benefit', 'percent'])).toBe('percent');
    expect(fieldOf(['benefit', 'buy', 'qty'])).toBe('buyQty');
    expect(fieldOf(['benefit', 'groups', 1, 'targets'])).toBe('groups.1.targets');
    expect(fieldOf(['rules', 'performanceWindow', 'untilMinutesBeforeStart'])).toBe(
      'untilMinutesBeforeStart',
    );
    expect(fieldOf(['autoApply', 'priority'])).toBe('priority');
  });
});
