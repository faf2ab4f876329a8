import { describe, expect, it } from 'vitest';
import {
  evaluateCode,
  isVisibleTo,
  rankCodes,
  type CodeDefinition,
  type Evaluation,
  type EvaluationContext,
  type RankedCode,
  type Rules,
} from '../../../../shared/discounts';
import { basket, code, ctx, line, pct, usage } from './builders';

const b = basket([line('adult', 3000, 2), line('child', 2000, 1)]);
const named = (id: string, c: CodeDefinition): CodeDefinition => ({ ...c, id, code: id.toUpperCase() });

describe('rankCodes visibility', () => {
  it('shows only codes this context may see', () => {
    const codes = [
      named('visible', pct(1000)),
      named('disabled', pct(1000, {}, { status: 'disabled' })),
      named('deleted', pct(1000, {}, { status: 'deleted' })),
      named('parent', pct(1000, {}, { isParent: true })),
      named('online', pct(1000, { channels: ['online'] })),
      named('hidden', pct(1000, { boxOffice: { visible: false } })),
      named('managers', pct(1000, { boxOffice: { visible: true, roles: ['manager'] } })),
      named('sellers', pct(1000, { boxOffice: { visible: true, roles: ['seller'] } })),
      named('expired', pct(1000, { validTo: '2020-01-01T00:00:00Z' })),
    ];
    expect(rankCodes(codes, b, ctx()).map((r) => r.code.id)).toEqual(['sellers', 'visible', 'expired']);
  });

  it('ignores box-office visibility online but keeps channels', () => {
    const codes = [
      named('hidden', pct(1000, { boxOffice: { visible: false } })),
      named('bo', pct(1000, { channels: ['box_office'] })),
    ];
    expect(rankCodes(codes, b, ctx({ channel: 'online' })).map((r) => r.code.id)).toEqual(['hidden']);
  });
});

describe('rankCodes order', () => {
  it('puts applicable codes first, larger saving first, ties by code', () => {
    const codes = [
      named('ten', pct(1000)),
      named('fixed5', code({ type: 'fixed_order', amount: 500 })),
      named('twenty', pct(2000)),
      named('nope', pct(1000, { minSpend: 100_000 })),
      named('also10', code({ type: 'fixed_order', amount: 800 })),
      named('alpha10', code({ type: 'fixed_order', amount: 800 })),
    ];
    const ranked = rankCodes(codes, b, ctx());
    expect(
      ranked.map((r) => [r.code.id, r.evaluation.ok ? r.evaluation.discount : r.evaluation.reason]),
    ).toEqual([
      ['twenty', 1600],
      ['alpha10', 800],
      ['also10', 800],
      ['ten', 800],
      ['fixed5', 500],
      ['nope', 'MIN_SPEND'],
    ]);
  });

  it('lists failures that carry a hint before those that do not', () => {
    const codes = [
      named('a-expired', pct(1000, { validTo: '2020-01-01T00:00:00Z' })),
      named('z-spend', pct(1000, { minSpend: 10000 })),
      named('b-maxuses', pct(1000, { maxUses: 1 })),
    ];
    const ranked = rankCodes(codes, b, ctx({ usage: usage({ uses: 1 }) }));
    expect(ranked.map((r) => r.code.id)).toEqual(['z-spend', 'a-expired', 'b-maxuses']);
  });

  it('gives each failure its reason, message and hint', () => {
    const bxgy = code({
      type: 'buy_x_get_y',
      buy: { qty: 2, targets: [{ by: 'item', id: 'adult' }] },
      get: { qty: 1, targets: [{ by: 'item', id: 'Child' }] },
      percent: 5000,
    });
    const codes = [
      named('child', bxgy),
      named('spend', pct(1000, { minSpend: 9250 })),
      named('more', pct(1000, { minQty: 5 })),
      named('limit', pct(1000, { maxUses: 1 })),
    ];
    const failures = rankCodes(codes, b, ctx({ usage: usage({ uses: 1 }) })).map((r) => r.evaluation);
    expect(failures).toEqual([
      expect.objectContaining({
        ok: false,
        codeId: 'child',
        reason: 'REQUIRED_ITEMS_MISSING',
        hint: 'add 1 × Child',
      }),
      expect.objectContaining({
        ok: false,
        codeId: 'more',
        reason: 'MIN_QTY',
        hint: 'add 2 more eligible tickets',
      }),
      expect.objectContaining({ ok: false, codeId: 'spend', reason: 'MIN_SPEND', hint: 'spend 12.50 more' }),
      expect.objectContaining({ ok: false, codeId: 'limit', reason: 'MAX_USES', overridable: true }),
    ]);
  });

  it('evaluates each code as evaluateCode would', () => {
    const codes = [
      named('ten', pct(1000, { maxQty: 1 })),
      named('bogo', code({ type: 'buy_x_get_y', buy: { qty: 1 }, get: { qty: 1 }, percent: 10000 })),
    ];
    for (const ranked of rankCodes(codes, b, ctx())) {
      const alone = evaluateCode(ranked.code, b, ctx());
      expect(JSON.parse(JSON.stringify(ranked.evaluation))).toEqual(JSON.parse(JSON.stringify(alone)));
    }
  });

  it('uses each code’s own usage from usageByCode', () => {
    const codes = [named('a', pct(1000, { maxUses: 1 })), named('b', pct(1000, { maxUses: 1 }))];
    const ranked = rankCodes(codes, b, ctx({ usageByCode: { a: usage({ uses: 1 }), b: usage() } }));
    expect(ranked.map((r) => [r.code.id, r.evaluation.ok])).toEqual([
      ['b', true],
      ['a', false],
    ]);
  });

  it('returns an empty list for no codes and leaves its inputs untouched', () => {
    expect(rankCodes([], b, ctx())).toEqual([]);
    const codes = [named('ten', pct(1000))];
    const before = JSON.stringify({ codes, b });
    rankCodes(codes, b, ctx());
    expect(JSON.stringify({ codes, b })).toBe(before);
  });

  it('shares identical lines between results as frozen values', () => {
    const ranked = rankCodes([named('a', pct(1000)), named('b', pct(1000))], b, ctx());
    const [first, second] = ranked.map((r) => r.evaluation);
    if (!first?.ok || !second?.ok) throw new Error('expected both to apply');
    expect(first.lines[0]).toBe(second.lines[0]);
    expect(Object.isFrozen(first.lines[0])).toBe(true);
  });
});

describe('rankCodes over any catalogue', () => {
  const terms: CodeDefinition[] = [
    pct(1000),
    pct(2000, { maxQty: 1 }),
    code({ type: 'fixed_order', amount: 800 }, { minSpend: 5000 }),
    code({ type: 'fixed_order', amount: 500 }),
    pct(1000, { minSpend: 100_000 }),
    pct(1000, { validTo: '2020-01-01T00:00:00Z' }),
    code({ type: 'buy_x_get_y', buy: { qty: 2 }, get: { qty: 1 }, percent: 5000 }),
    pct(500, { boxOffice: { visible: true, roles: ['manager'] } }),
    pct(1000, { unknownRule: 1 } as Rules),
  ];
  // Spread copies as the terminal makes child codes: each gets a hidden class of its own in V8.
  const catalogue = (order: number[]): CodeDefinition[] =>
    order.map((k, i) => ({
      ...(terms[k % terms.length] as CodeDefinition),
      id: `id${k}`,
      code: `C${k}-${i % 3}`,
    }));

  /** rankCodes' order (docs/ENGINE.md, DECISIONS.md decision 23) from separate evaluations, the slow way. */
  function expected(codes: CodeDefinition[], c: EvaluationContext): [string, Evaluation][] {
    const shown = codes.filter((cd) => isVisibleTo(cd, c)).map((cd) => ({ cd, e: evaluateCode(cd, b, c) }));
    const text = (x: { cd: CodeDefinition }, y: { cd: CodeDefinition }) =>
      x.cd.code < y.cd.code
        ? -1
        : x.cd.code > y.cd.code
          ? 1
          : x.cd.id < y.cd.id
            ? -1
            : x.cd.id > y.cd.id
              ? 1
              : 0;
    const saving = (x: { e: Evaluation }) => (x.e.ok ? x.e.discount : 0);
    const group = (x: { e: Evaluation }) => (x.e.ok ? 0 : x.e.hint !== undefined ? 1 : 2);
    shown.sort((x, y) => group(x) - group(y) || saving(y) - saving(x) || text(x, y));
    return shown.map(({ cd, e }) => [cd.id, JSON.parse(JSON.stringify(e)) as Evaluation]);
  }

  const plain = (ranked: RankedCode[]) =>
    ranked.map((r) => [r.code.id, JSON.parse(JSON.stringify(r.evaluation)) as Evaluation]);

  it('ranks catalogues in and out of code order as separate evaluations would', () => {
    const inOrder = catalogue([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    const shuffled = catalogue([13, 2, 17, 8, 0, 11, 5, 14, 3, 9, 16, 1, 6, 12, 4, 15, 10, 7]);
    for (const codes of [inOrder, shuffled, [...inOrder].reverse()]) {
      expect(plain(rankCodes(codes, b, ctx()))).toEqual(expected(codes, ctx()));
    }
  });

  it('orders savings too large to combine with a position into one number', () => {
    const huge = basket([line('a', 4_000_000_000_000_000)]);
    const codes = [named('a', pct(5000)), named('b', pct(10000)), named('c', pct(5000))];
    expect(rankCodes(codes, huge, ctx()).map((r) => r.code.id)).toEqual(['b', 'a', 'c']);
  });

  it('returns the caller’s own code objects', () => {
    const codes = catalogue([0, 1, 2, 3]);
    const ranked = rankCodes(codes, b, ctx());
    for (const r of ranked) expect(codes).toContain(r.code);
  });

  it('reads inherited and non-enumerable code fields as evaluateCode does', () => {
    // Status, benefit and rules come from the prototype; only id and code are the object's own.
    const inherited = Object.assign(Object.create(pct(1000, { maxQty: 1 })) as CodeDefinition, {
      id: 'inherited',
      code: 'INHERITED',
    });
    const disabled = named('disabled', pct(1000));
    Object.defineProperty(disabled, 'status', { value: 'disabled', enumerable: false });
    const parent = named('parent', pct(1000));
    Object.defineProperty(parent, 'isParent', { value: true, enumerable: false });
    const codes = [inherited, disabled, parent];
    expect(plain(rankCodes(codes, b, ctx()))).toEqual(expected(codes, ctx()));
    expect(rankCodes(codes, b, ctx()).map((r) => r.code.id)).toEqual(['inherited']);
  });
});
