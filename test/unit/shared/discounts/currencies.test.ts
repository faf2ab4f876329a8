import { describe, expect, it } from 'vitest';
import { evaluateCode, priceBasket, rankCodes } from '../../../../shared/discounts';
import { basket, byLine, code, ctx, expectFail, expectOk, line, pct } from './builders';

describe('JPY (no decimals)', () => {
  const b = basket([line('t', 1999, 3)], { currency: 'JPY' });

  it('rounds 15 % of 5,997 yen to 900', () => {
    const result = expectOk(evaluateCode(pct(1500), b, ctx()));
    expect(result.discount).toBe(900);
    expect(result.lines[0]?.unitDiscounts).toEqual([300, 300, 300]);
    expect(priceBasket(b, result).total).toBe(5097);
  });

  it('hints the missing spend in whole yen', () => {
    expect(expectFail(evaluateCode(pct(1500, { minSpend: 10000 }), b, ctx())).hint).toBe('spend 4,003 more');
  });

  it('refuses a yen code on a euro basket', () => {
    expect(
      expectFail(evaluateCode(pct(1500, { currency: 'JPY' }), basket([line('t', 1000)]), ctx())).reason,
    ).toBe('WRONG_CURRENCY');
  });
});

describe('KWD (three decimals)', () => {
  const b = basket([line('t', 12500, 2, { vatRate: 500 }), line('s', 3333, 1, { vatRate: 500 })], {
    currency: 'KWD',
  });

  it('computes a percentage on fils', () => {
    // 15 % of 28.333 = 4.24995 → 4.250
    const result = expectOk(evaluateCode(pct(1500), b, ctx()));
    expect(result.discount).toBe(4250);
    expect(byLine(result)).toEqual({ t: 3750, s: 500 });
  });

  it('works out VAT per rate in fils', () => {
    const result = expectOk(evaluateCode(pct(1500), b, ctx()));
    const priced = priceBasket(b, result);
    // 24.083 gross at 5 %: net round(24.083 / 1.05) = 22.936, VAT 1.147
    expect(priced.total).toBe(24083);
    expect(priced.vat).toEqual([{ rate: 500, gross: 24083, net: 22936, vat: 1147 }]);
  });

  it('hints amounts with three decimals', () => {
    expect(expectFail(evaluateCode(pct(1500, { minSpend: 30000 }), b, ctx())).hint).toBe('spend 1.667 more');
    const ranked = rankCodes([code({ type: 'fixed_order', amount: 1000 }, { minSpend: 40000 })], b, ctx());
    expect(ranked[0]?.evaluation).toMatchObject({ ok: false, hint: 'spend 11.667 more' });
  });

  it('takes a fixed amount in fils', () => {
    expect(expectOk(evaluateCode(code({ type: 'fixed_per_item', amount: 1250 }), b, ctx())).discount).toBe(
      3750,
    );
  });
});
