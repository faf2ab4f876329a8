import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, randomCodes } from '../../../src-server/services/generation-service';

describe('randomCodes', () => {
  it('has no look-alike characters in its alphabet', () => {
    for (const ch of '01OIL') expect(CODE_ALPHABET).not.toContain(ch);
  });

  it('returns exactly the requested number of distinct codes with the prefix and length', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.constantFrom('', 'X-', 'GALA'),
        fc.integer({ min: 4, max: 12 }),
        (count, prefix, length) => {
          const codes = randomCodes(count, prefix, length);
          expect(new Set(codes).size).toBe(count);
          const pattern = new RegExp(`^${prefix}[${CODE_ALPHABET}]{${length}}$`);
          for (const code of codes) expect(code).toMatch(pattern);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('uses every character of the alphabet roughly equally', () => {
    const counts = new Map<string, number>();
    for (const code of randomCodes(20_000, '', 10))
      for (const ch of code) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const expected = 200_000 / CODE_ALPHABET.length;
    expect(counts.size).toBe(CODE_ALPHABET.length);
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.05);
  });
});
