import { describe, expect, it } from 'vitest';
import { normalizeCode } from '../../../../shared/discounts';

describe('normalizeCode', () => {
  it('trims and upper-cases', () => {
    expect(normalizeCode('  summer20 \n')).toEqual({ ok: true, code: 'SUMMER20' });
  });

  it('accepts every allowed special character', () => {
    expect(normalizeCode('a-b_c(d)/e\\f+g@h.i')).toEqual({ ok: true, code: 'A-B_C(D)/E\\F+G@H.I' });
  });

  it('accepts 64 characters and refuses 65', () => {
    expect(normalizeCode('A'.repeat(64)).ok).toBe(true);
    expect(normalizeCode('A'.repeat(65))).toMatchObject({ ok: false, reason: 'INVALID_CODE_FORMAT' });
  });

  it('refuses an empty or blank code', () => {
    expect(normalizeCode('').ok).toBe(false);
    expect(normalizeCode('   ').ok).toBe(false);
  });

  it('refuses inner spaces and other characters', () => {
    for (const bad of ['SUMMER 20', 'A<B', 'A"B', 'A#B', 'A,B', 'A*B', 'A\tB']) {
      expect(normalizeCode(bad), bad).toMatchObject({ ok: false, reason: 'INVALID_CODE_FORMAT' });
    }
  });

  it('refuses non-ASCII letters even when upper-casing would make them ASCII', () => {
    expect(normalizeCode('straße').ok).toBe(false);
    expect(normalizeCode('ıstanbul').ok).toBe(false);
    expect(normalizeCode('CAFÉ').ok).toBe(false);
  });

  it('says why in its message', () => {
    const result = normalizeCode('no spaces please');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('no spaces');
  });

  it('refuses a value that is not text', () => {
    expect(normalizeCode(42 as unknown as string).ok).toBe(false);
  });
});
