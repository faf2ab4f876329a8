import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson, MAX_JSON_DEPTH } from '../../../shared/canonical-json';

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined properties', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, undefined, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,null,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('refuses input nested deeper than the bound with a reason, and serialises any depth when asked', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    expect(() => canonicalJson(deep)).toThrow(CanonicalJsonError);
    try {
      canonicalJson(deep);
    } catch (error) {
      expect((error as CanonicalJsonError).reason).toBe('TOO_DEEP');
    }
    expect(canonicalJson(deep, Infinity)).toHaveLength(20_000 * 6 + 1);
    let atBound: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH; i++) atBound = [atBound];
    expect(() => canonicalJson(atBound)).not.toThrow();
    expect(() => canonicalJson([atBound])).toThrow(CanonicalJsonError);
  });

  it('writes the same text and throws the same errors recursing (bounded depth) as with its explicit stack', () => {
    // canonicalJson(v) recurses; with maxDepth Infinity it walks its explicit stack.
    const payloads: unknown[] = [
      null,
      undefined,
      'text with "quotes" and \u2028',
      -0,
      1.5e-7,
      [],
      {},
      [undefined, null, () => 1, Symbol('s'), [[[]]]],
      { é: 1, e: 2, E: 3, '😀': 4, '\uffff': 5, '': 6, __proto__x: 7, 10: 8, 9: 9, a: undefined, f: () => 1 },
      { when: new Date(0), boxed: new Number(3), sparse: [1, , 3] }, // eslint-disable-line no-sparse-arrays
      {
        terminalId: 't-1',
        sale: { id: 'x', total: 1200, customer: null, lines: [{ qty: 2, name: 'Ada’s “seat”' }] },
        escrow: { leaseUses: [], unbacked: [] },
      },
    ];
    for (const payload of payloads) expect(canonicalJson(payload)).toBe(canonicalJson(payload, Infinity));
    const errorOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof CanonicalJsonError ? `${error.reason}: ${error.message}` : String(error);
      }
      return 'none';
    };
    let deep: unknown = { n: NaN };
    for (let i = 0; i < 10; i++) deep = { b: [deep], a: i === 5 ? Infinity : i };
    for (const bad of [NaN, [1, Infinity], deep, { a: 1n }]) {
      expect(errorOf(() => canonicalJson(bad, 50))).toBe(errorOf(() => canonicalJson(bad, 1_000_000)));
      expect(errorOf(() => canonicalJson(bad, 50))).not.toBe('none');
    }
    // Which error comes first, in document order: the depth bound (recursing: 1,000; stack: 1,001).
    const reasonOf = (run: () => unknown) => errorOf(run).split(':')[0];
    const nest = (inner: unknown, levels: number) => {
      let v = inner;
      for (let i = 0; i < levels; i++) v = [v];
      return v;
    };
    for (const bad of [
      { a: nest(1, 1_005), b: NaN },
      { a: NaN, b: nest(1, 1_005) },
      { a: nest(Infinity, 990), b: nest(1, 1_005) },
    ]) {
      expect(reasonOf(() => canonicalJson(bad, 1_000))).toBe(reasonOf(() => canonicalJson(bad, 1_001)));
    }
  });
});
