import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largestRemainder, splitByWeights, splitEvenly } from '../../../../shared/discounts/allocate';

describe('splitByWeights', () => {
  it('splits 3.00 over 43.00, 14.00 and 23.00 as 1.61, 0.53 and 0.86', () => {
    expect(splitByWeights(300, [4300, 1400, 2300])).toEqual([161, 53, 86]);
  });

  it('gives the odd cent to the earlier index on equal remainders', () => {
    expect(splitByWeights(1, [100, 100])).toEqual([1, 0]);
    expect(splitByWeights(2, [100, 100, 100])).toEqual([1, 1, 0]);
  });

  it('gives leftovers to the largest remainders first', () => {
    // 10 over 1:2:3 → 1.67, 3.33, 5 → 2, 3, 5
    expect(splitByWeights(10, [1, 2, 3])).toEqual([2, 3, 5]);
  });

  it('gives nothing to a zero weight', () => {
    expect(splitByWeights(100, [0, 50, 0, 50])).toEqual([0, 50, 0, 50]);
    expect(splitByWeights(0, [10, 20])).toEqual([0, 0]);
    expect(splitByWeights(10, [0, 0])).toEqual([0, 0]);
  });

  it('stays exact when total × weight leaves the safe range', () => {
    const shares = splitByWeights(1_000_000_000_000, [3_000_000_000_000, 1_000_000_000_001]);
    expect(shares).toEqual([750_000_000_000, 250_000_000_000]);
  });
});

describe('largestRemainder', () => {
  it('matches splitByWeights on typed scratch', () => {
    const weights = new Float64Array([4300, 1400, 2300, 0]);
    const out = new Float64Array(4);
    largestRemainder(300, weights, 3, out, new Float64Array(4));
    expect(Array.from(out.subarray(0, 3))).toEqual([161, 53, 86]);
  });

  it('falls back to exact arithmetic for huge products', () => {
    const weights = new Float64Array([3_000_000_000_000, 1_000_000_000_001]);
    const out = new Float64Array(2);
    largestRemainder(1_000_000_000_000, weights, 2, out, new Float64Array(2));
    expect(Array.from(out)).toEqual([750_000_000_000, 250_000_000_000]);
  });
});

describe('splitEvenly', () => {
  it('gives the odd cents to the earlier units', () => {
    const units = [0, 0, 0, 0];
    splitEvenly(10, units, 0, 3);
    expect(units).toEqual([4, 3, 3, 0]);
  });
});

describe('largest remainder (reference)', () => {
  // The textbook method: floor shares, then one unit each to the largest remainders, earlier first.
  function reference(total: number, weights: number[]): number[] {
    const sum = weights.reduce((a, b) => a + b, 0);
    if (sum === 0) return weights.map(() => 0);
    const shares = weights.map((w) => Math.floor((total * w) / sum));
    const order = weights
      .map((w, i) => ({ i, rest: (total * w) % sum }))
      .sort((a, b) => b.rest - a.rest || a.i - b.i);
    let left = total - shares.reduce((a, b) => a + b, 0);
    for (const { i } of order) {
      if (left-- <= 0) break;
      shares[i] = (shares[i] as number) + 1;
    }
    return shares;
  }

  it('matches both implementations on random splits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, fraction) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          const total = Math.floor(sum * fraction);
          const expected = reference(total, weights);
          expect(splitByWeights(total, weights)).toEqual(expected);
          const out = new Float64Array(weights.length);
          largestRemainder(
            total,
            new Float64Array(weights),
            weights.length,
            out,
            new Float64Array(weights.length),
          );
          expect(Array.from(out)).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('matches on long splits with many equal remainders', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<number>(0, 1, 2, 3, 6, 7), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, fraction) => {
          const total = Math.floor(weights.reduce((a, b) => a + b, 0) * fraction);
          const out = new Float64Array(weights.length);
          largestRemainder(
            total,
            new Float64Array(weights),
            weights.length,
            out,
            new Float64Array(weights.length),
          );
          expect(Array.from(out)).toEqual(reference(total, weights));
        },
      ),
      { numRuns: 400 },
    );
  });
});
