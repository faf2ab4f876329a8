import { describe, expect, it } from 'vitest';
import { selectAutoApply, type CodeDefinition } from '../../../../shared/discounts';
import { basket, code, ctx, line, pct, usage } from './builders';

const b = basket([line('t', 5000, 2)]);
const auto = (id: string, priority: number, c: CodeDefinition): CodeDefinition => ({
  ...c,
  id,
  code: id.toUpperCase(),
  autoApply: { priority },
});

describe('selectAutoApply', () => {
  it('picks the lowest priority number among codes that apply', () => {
    const codes = [
      auto('big', 2, pct(5000)),
      auto('small', 1, pct(500)),
      auto('broken', 0, pct(1000, { minSpend: 10 ** 6 })),
    ];
    expect(selectAutoApply(codes, b, ctx())).toMatchObject({ ok: true, codeId: 'small', discount: 500 });
  });

  it('breaks a priority tie by the larger discount', () => {
    const codes = [auto('a', 1, pct(1000)), auto('b', 1, pct(2000))];
    expect(selectAutoApply(codes, b, ctx())?.codeId).toBe('b');
  });

  it('breaks a priority and discount tie by code', () => {
    const codes = [auto('zeta', 1, pct(1000)), auto('alpha', 1, code({ type: 'fixed_order', amount: 1000 }))];
    expect(selectAutoApply(codes, b, ctx())?.codeId).toBe('alpha');
    expect(selectAutoApply([...codes].reverse(), b, ctx())?.codeId).toBe('alpha');
  });

  it('ignores codes without autoApply', () => {
    expect(selectAutoApply([pct(9000)], b, ctx())).toBeNull();
  });

  it('returns null when no auto-apply code applies', () => {
    expect(selectAutoApply([auto('x', 1, pct(1000, { channels: ['online'] }))], b, ctx())).toBeNull();
  });

  it('never bypasses a usage limit, even with overuse granted on the order', () => {
    const codes = [auto('capped', 1, pct(1000, { maxUses: 1 }))];
    expect(selectAutoApply(codes, b, ctx({ usage: usage({ uses: 1 }), overuse: true }))).toBeNull();
  });
});
