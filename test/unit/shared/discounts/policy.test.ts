import { describe, expect, it } from 'vitest';
import {
  ATTACHABLE_REASONS,
  OVERRIDABLE_REASONS,
  REASON_MESSAGES,
  USAGE_LIMIT_ORDER,
  evaluateCode,
  type ReasonCode,
} from '../../../../shared/discounts';
import { LIMIT_REASON } from '../../../../shared/sync/counters';
import { basket, ctx, expectFail, line, pct, usage } from './builders';

const ALL_REASONS = Object.keys(REASON_MESSAGES) as ReasonCode[];

describe('USAGE_LIMIT_ORDER', () => {
  it('lists the usage limits in the order of docs/ENGINE.md clarification 22', () => {
    expect(USAGE_LIMIT_ORDER).toEqual([
      'MAX_USES',
      'MAX_ITEM_USES',
      'BUDGET_EXHAUSTED',
      'CUSTOMER_MAX_USES',
      'CUSTOMER_MAX_ITEM_USES',
      'CUSTOMER_EVENT_MAX_USES',
      'CUSTOMER_SCHEDULE_MAX_USES',
    ]);
  });

  it('cannot be edited by a caller', () => {
    expect(Object.isFrozen(USAGE_LIMIT_ORDER)).toBe(true);
  });
});

describe('OVERRIDABLE_REASONS', () => {
  it('holds exactly the usage limits (rule 11: nothing else is overridable)', () => {
    expect([...OVERRIDABLE_REASONS].sort()).toEqual([...USAGE_LIMIT_ORDER].sort());
  });

  it("holds every limit behind a lease counter, so a supervisor's grant can pass an empty lease", () => {
    for (const reason of Object.values(LIMIT_REASON)) expect(OVERRIDABLE_REASONS.has(reason)).toBe(true);
  });

  it("is what an evaluation's overridable flag says", () => {
    const used = expectFail(
      evaluateCode(pct(1000, { maxUses: 1 }), basket([line('a', 1000)]), ctx({ usage: usage({ uses: 1 }) })),
    );
    expect(used.reason).toBe('MAX_USES');
    expect(used.overridable).toBe(true);
    const expired = expectFail(
      evaluateCode(pct(1000, { validTo: '2025-01-01T00:00:00Z' }), basket([line('a', 1000)]), ctx()),
    );
    expect(expired.reason).toBe('EXPIRED');
    expect(expired.overridable).toBe(false);
  });
});

describe('ATTACHABLE_REASONS', () => {
  it('keeps every overridable code on the order, so a supervisor can grant overuse on it', () => {
    for (const reason of OVERRIDABLE_REASONS) expect(ATTACHABLE_REASONS.has(reason)).toBe(true);
  });

  it('refuses outright only what nothing at the till can change', () => {
    expect(ALL_REASONS.filter((reason) => !ATTACHABLE_REASONS.has(reason)).sort()).toEqual(
      [
        'INVALID_CODE',
        'NOT_YET_ACTIVE',
        'EXPIRED',
        'WRONG_CURRENCY',
        'WRONG_CHANNEL',
        'NOT_IN_BOX_OFFICE',
        'MAX_DISCOUNT_ZERO',
        'INVALID_INPUT',
      ].sort(),
    );
  });

  it('names only reasons the engine has', () => {
    for (const reason of ATTACHABLE_REASONS) expect(ALL_REASONS).toContain(reason);
  });
});
