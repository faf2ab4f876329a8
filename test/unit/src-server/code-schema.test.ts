import { describe, expect, it } from 'vitest';
import {
  benefitSchema,
  codeCreateSchema,
  codeDefinitionSchema,
  rulesSchema,
} from '../../../shared/codes/schema';

describe('code schema', () => {
  it('accepts every benefit type of the engine', () => {
    const target = { by: 'item' as const, id: 'adult' };
    for (const benefit of [
      { type: 'percentage', percent: 2000 },
      { type: 'fixed_order', amount: 500 },
      { type: 'fixed_per_item', amount: 200 },
      { type: 'specific_price', prices: [{ target, unitPrice: 1000 }] },
      {
        type: 'buy_x_get_y',
        buy: { qty: 2 },
        get: { qty: 1, targets: [target] },
        percent: 10000,
        maxApplications: 3,
      },
      { type: 'multi_buy', groups: [{ qty: 2 }, { qty: 1, targets: [target] }], percent: 5000 },
    ]) {
      expect(benefitSchema.safeParse(benefit).success, benefit.type).toBe(true);
    }
  });

  it('refuses floats, negatives, unknown fields and more than 100 %', () => {
    for (const benefit of [
      { type: 'fixed_order', amount: 4.99 },
      { type: 'fixed_order', amount: -1 },
      { type: 'percentage', percent: 10001 },
      { type: 'percentage', percent: 10, extra: true },
      { type: 'free_lunch' },
    ]) {
      expect(benefitSchema.safeParse(benefit).success, JSON.stringify(benefit)).toBe(false);
    }
  });

  it('refuses a window that ends before it starts and dates without a time zone', () => {
    expect(
      rulesSchema.safeParse({ validFrom: '2026-02-01T00:00:00Z', validTo: '2026-01-01T00:00:00Z' }).success,
    ).toBe(false);
    expect(rulesSchema.safeParse({ validTo: '2026-01-01' }).success).toBe(false);
    expect(
      rulesSchema.safeParse({ validTo: '2026-01-01T00:00:00+02:00', channels: ['box_office'] }).success,
    ).toBe(true);
  });

  it('reads a full code definition and refuses a status the engine does not know', () => {
    const definition = {
      id: 'c1',
      code: 'SUMMER20',
      name: 'Summer',
      status: 'active',
      benefit: { type: 'percentage', percent: 2000 },
      rules: { maxUses: 100 },
      autoApply: { priority: 1 },
    };
    expect(codeDefinitionSchema.parse(definition)).toEqual(definition);
    expect(codeDefinitionSchema.safeParse({ ...definition, status: 'exhausted' }).success).toBe(false);
  });

  it('fills defaults for a new code', () => {
    const parsed = codeCreateSchema.parse({
      code: 'A',
      name: 'A',
      benefit: { type: 'percentage', percent: 1 },
    });
    expect(parsed).toMatchObject({ description: '', isParent: false, rules: {} });
  });
});
