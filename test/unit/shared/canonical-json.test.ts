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
});
