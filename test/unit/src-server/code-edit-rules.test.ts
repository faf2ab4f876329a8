import { describe, expect, it } from 'vitest';
import { forbiddenActiveChanges } from '../../../src-server/services/code-service';

const base = {
  name: 'Summer',
  description: '',
  benefit: { type: 'percentage' as const, percent: 2000 },
  rules: { maxUses: 10, validTo: '2026-08-31T23:59:59Z', minSpend: 1000 },
  autoPriority: null,
  offlinePolicy: 'best_effort' as const,
};

describe('forbiddenActiveChanges', () => {
  it('allows a later end, a higher limit, a removed limit and a new name', () => {
    expect(
      forbiddenActiveChanges(base, {
        ...base,
        name: 'Summer!',
        rules: { validTo: '2026-09-30T23:59:59Z', minSpend: 1000 },
      }),
    ).toEqual([]);
    expect(forbiddenActiveChanges(base, { ...base, rules: { ...base.rules, maxUses: 11 } })).toEqual([]);
  });

  it('names every other change', () => {
    expect(
      forbiddenActiveChanges(base, {
        ...base,
        benefit: { type: 'percentage', percent: 2500 },
        rules: { maxUses: 9, validTo: '2026-08-30T00:00:00Z', minSpend: 500 },
      }),
    ).toEqual([
      'benefit',
      'rules.maxUses (only a higher limit is allowed)',
      'rules.validTo (only a later end is allowed)',
      'rules.minSpend',
    ]);
  });

  it('treats a new end or a new limit on an open-ended code as a restriction', () => {
    const open = { ...base, rules: {} };
    expect(
      forbiddenActiveChanges(open, { ...open, rules: { validTo: '2030-01-01T00:00:00Z', budget: 100 } }),
    ).toEqual([
      'rules.validTo (only a later end is allowed)',
      'rules.budget (only a higher limit is allowed)',
    ]);
  });
});
