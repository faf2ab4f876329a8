// Largest-remainder splits (rule 9): each share is floor(total × weight / Σ weights); the units left
// over go one each to the largest remainders, ties to the earlier index. Shares therefore add up to the
// total exactly and never exceed their weight when the total does not exceed the weights' sum.
//
// Two copies of one algorithm on purpose: the per-line split runs on reused Float64Array scratch in the
// hot path and must stay monomorphic there (mixing in plain arrays makes it several times slower).

const MAX = Number.MAX_SAFE_INTEGER;

/** Splits `total` over `weights[0..count)` into `out`, using `remainder` as scratch (typed arrays). */
export function largestRemainder(
  total: number,
  weights: Float64Array,
  count: number,
  out: Float64Array,
  remainder: Float64Array,
): void {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += weights[i] as number;
  if (sum === 0 || total === 0) {
    out.fill(0, 0, count);
    return;
  }
  if (total * sum > MAX) {
    const shares = splitByWeights(total, Array.from(weights.subarray(0, count)));
    out.set(shares);
    return;
  }
  let given = 0;
  for (let i = 0; i < count; i++) {
    const product = total * (weights[i] as number);
    let share = Math.floor(product / sum);
    let rest = product - share * sum;
    // Float division can be one off near 2^53; the exact remainder corrects it.
    if (rest < 0) {
      share -= 1;
      rest += sum;
    } else if (rest >= sum) {
      share += 1;
      rest -= sum;
    }
    out[i] = share;
    remainder[i] = rest;
    given += share;
  }
  distributeLeftover(total - given, count, out, remainder);
}

// The leftover units go to the largest remainders, ties to the earlier index. When most entries get
// one, it is cheaper to give everyone one and take it back from the smallest remainders (ties: the
// later index), so the work stays below count² / 4.
function distributeLeftover(
  leftover: number,
  count: number,
  out: Float64Array,
  remainder: Float64Array,
): void {
  if (leftover <= 0) return;
  if (leftover * 2 <= count) {
    for (let k = 0; k < leftover; k++) {
      let best = 0;
      let bestRest = -1;
      for (let i = 0; i < count; i++) {
        const rest = remainder[i] as number;
        if (rest > bestRest) {
          best = i;
          bestRest = rest;
        }
      }
      out[best] = (out[best] as number) + 1;
      remainder[best] = -1;
    }
    return;
  }
  for (let i = 0; i < count; i++) out[i] = (out[i] as number) + 1;
  for (let k = count - leftover; k > 0; k--) {
    let worst = 0;
    let worstRest = Infinity;
    for (let i = 0; i < count; i++) {
      const rest = remainder[i] as number;
      if (rest <= worstRest) {
        worst = i;
        worstRest = rest;
      }
    }
    out[worst] = (out[worst] as number) - 1;
    remainder[worst] = Infinity;
  }
}

/** The same split for plain lists (sets, units, custom discounts); exact beyond 2^53 through BigInt. */
export function splitByWeights(total: number, weights: readonly number[]): number[] {
  const count = weights.length;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += weights[i] as number;
  const shares: number[] = [];
  const remainders: number[] = [];
  if (sum === 0 || total === 0) {
    for (let i = 0; i < count; i++) shares.push(0);
    return shares;
  }
  const big = total * sum > MAX;
  let given = 0;
  for (let i = 0; i < count; i++) {
    const weight = weights[i] as number;
    let share: number;
    let rest: number;
    if (big) {
      const product = BigInt(total) * BigInt(weight);
      const quotient = product / BigInt(sum);
      share = Number(quotient);
      // Below the safe weight sum, so exact as a number.
      rest = Number(product - quotient * BigInt(sum));
    } else {
      const product = total * weight;
      share = Math.floor(product / sum);
      rest = product - share * sum;
      if (rest < 0) {
        share -= 1;
        rest += sum;
      } else if (rest >= sum) {
        share += 1;
        rest -= sum;
      }
    }
    shares.push(share);
    remainders.push(rest);
    given += share;
  }
  const leftover = total - given;
  if (leftover > 0) {
    const order = remainders
      .map((_, i) => i)
      .sort((a, b) => (remainders[b] as number) - (remainders[a] as number) || a - b);
    for (let k = 0; k < leftover; k++) {
      const i = order[k] as number;
      shares[i] = (shares[i] as number) + 1;
    }
  }
  return shares;
}

/** Splits `total` evenly over `count` units of `units` from `start`: earlier units take the odd cents. */
export function splitEvenly(total: number, units: number[], start: number, count: number): void {
  if (count <= 0) return;
  const base = Math.floor(total / count);
  const extra = total - base * count;
  for (let k = 0; k < count; k++) units[start + k] = base + (k < extra ? 1 : 0);
}
