import { describe, expect, it } from 'vitest';
import { evaluateCode, priceBasket, splitCustomOverUnits } from '../../../../shared/discounts';
import { basket, code, ctx, expectFail, expectOk, line, pct } from './builders';

describe('priceBasket', () => {
  it('prices SUMMER20 at 120.00 with 19.16 VAT', () => {
    const b = basket([
      line('vip', 5000, 2, { vatRate: 1900 }),
      line('workshop', 5000, 1, { kind: 'addon', vatRate: 1900 }),
    ]);
    const priced = priceBasket(b, evaluateCode(pct(2000), b, ctx()));
    expect(priced).toMatchObject({ gross: 15000, codeDiscount: 3000, customDiscount: 0, total: 12000 });
    expect(priced.vat).toEqual([{ rate: 1900, gross: 12000, net: 10084, vat: 1916 }]);
  });

  it('works out VAT per rate on the discounted gross of each rate', () => {
    const b = basket([
      line('t19', 10000, 1, { vatRate: 1900 }),
      line('m7', 5000, 1, { kind: 'merch', vatRate: 700 }),
    ]);
    const priced = priceBasket(b, evaluateCode(code({ type: 'fixed_order', amount: 3000 }), b, ctx()));
    expect(priced.vat).toEqual([
      { rate: 700, gross: 4000, net: 3738, vat: 262 },
      { rate: 1900, gross: 8000, net: 6723, vat: 1277 },
    ]);
    expect(priced.vat.reduce((sum, v) => sum + v.gross, 0)).toBe(priced.total);
  });

  it('prices a basket without a code', () => {
    const b = basket([line('t', 5000, 2, { vatRate: 700 })]);
    expect(priceBasket(b, null)).toEqual({
      gross: 10000,
      codeDiscount: 0,
      customDiscount: 0,
      total: 10000,
      lines: [{ lineId: 't', gross: 10000, codeDiscount: 0, customDiscount: 0, total: 10000 }],
      vat: [{ rate: 700, gross: 10000, net: 9346, vat: 654 }],
    });
  });

  it('treats a failed evaluation as no code', () => {
    const b = basket([line('t', 5000)]);
    const failed = expectFail(evaluateCode(pct(1000, { minSpend: 10 ** 6 }), b, ctx()));
    expect(priceBasket(b, failed).codeDiscount).toBe(0);
  });

  it('keeps a VAT entry for a rate whose lines are free after discounts', () => {
    const b = basket([
      line('t', 5000, 1, { vatRate: 1900 }),
      line('fee', 200, 1, { kind: 'fee', vatRate: 0 }),
    ]);
    const priced = priceBasket(b, evaluateCode(pct(10000), b, ctx()));
    expect(priced.total).toBe(200);
    expect(priced.vat).toEqual([
      { rate: 0, gross: 200, net: 200, vat: 0 },
      { rate: 1900, gross: 0, net: 0, vat: 0 },
    ]);
  });
});

describe('custom discount', () => {
  const b = basket([
    line('a', 10000, 1, { vatRate: 1900 }),
    line('b', 5000, 1, { vatRate: 700 }),
    line('fee', 300, 1, { kind: 'fee' }),
  ]);
  const tenPercent = expectOk(evaluateCode(pct(1000), b, ctx()));

  it('takes a fixed amount from what the code left, split by what is left per line', () => {
    const priced = priceBasket(b, tenPercent, { kind: 'fixed', value: 1500, reason: 'loyal customer' });
    expect(priced.lines.map((l) => [l.lineId, l.codeDiscount, l.customDiscount, l.total])).toEqual([
      ['a', 1000, 1000, 8000],
      ['b', 500, 500, 4000],
      ['fee', 0, 0, 300],
    ]);
    expect(priced).toMatchObject({ codeDiscount: 1500, customDiscount: 1500, total: 12300 });
  });

  it('takes a percentage in basis points of what the code left', () => {
    const priced = priceBasket(b, tenPercent, { kind: 'percentage', value: 1000, reason: 'complaint' });
    expect(priced.customDiscount).toBe(1350);
    expect(priced.lines.map((l) => l.customDiscount)).toEqual([900, 450, 0]);
  });

  it('never takes a line below zero', () => {
    const priced = priceBasket(b, tenPercent, { kind: 'fixed', value: 1_000_000, reason: 'comp' });
    expect(priced.customDiscount).toBe(13500);
    expect(priced.lines.map((l) => l.total)).toEqual([0, 0, 300]);
    expect(priced.total).toBe(300);
  });

  it('applies without a code', () => {
    const priced = priceBasket(b, null, { kind: 'fixed', value: 300, reason: 'x' });
    expect(priced.lines.map((l) => l.customDiscount)).toEqual([200, 100, 0]);
  });

  it('skips a line the code already made free', () => {
    const onlyA = expectOk(evaluateCode(pct(10000, { targets: [{ by: 'item', id: 'a' }] }), b, ctx()));
    const priced = priceBasket(b, onlyA, { kind: 'fixed', value: 1000, reason: 'x' });
    expect(priced.lines.map((l) => l.customDiscount)).toEqual([0, 1000, 0]);
  });

  it('splits a line’s custom discount over its units by what the code left on each', () => {
    const l = line('t', 1000, 3);
    expect(splitCustomOverUnits(l, [100, 0, 0], 290)).toEqual([90, 100, 100]);
    expect(splitCustomOverUnits(l, undefined, 2)).toEqual([1, 1, 0]);
  });
});
