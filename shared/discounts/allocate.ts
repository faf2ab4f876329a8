// Largest-remainder splits (docs/ENGINE.md rule 9): each share is floor(total × weight / Σ weights); the
// units left over go one each to the largest remainders, ties to the earlier index. Shares therefore add up
// to the total exactly and never exceed their weight when the total does not exceed the weights' sum.
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

// The leftover units go to the largest remainders, ties to the earlier index: every remainder above
// the leftover-th largest gets one, and of those equal to it the earliest. Finding that remainder is
// one selection (linear on average) rather than a scan of all of them per unit.
function distributeLeftover(
  leftover: number,
  count: number,
  out: Float64Array,
  remainder: Float64Array,
): void {
  if (leftover <= 0) return;
  const threshold = largest(remainder, count, leftover);
  let ties = leftover;
  for (let i = 0; i < count; i++) if ((remainder[i] as number) > threshold) ties -= 1;
  for (let i = 0; i < count; i++) {
    const rest = remainder[i] as number;
    if (rest > threshold || (rest === threshold && ties-- > 0)) out[i] = (out[i] as number) + 1;
  }
}

// Selection works on a copy; one buffer serves every split (the engine is synchronous), and a huge
// basket gets its own.
const BUFFERED = 4096;
let buffer = new Float64Array(64);

/** The k-th largest of `values[0..count)` (1 ≤ k ≤ count), by quickselect on a copy. */
function largest(values: Float64Array, count: number, k: number): number {
  if (count > buffer.length) {
    if (count > BUFFERED) return kthSmallest(values.slice(0, count), count, count - k);
    buffer = new Float64Array(BUFFERED);
  }
  for (let i = 0; i < count; i++) buffer[i] = values[i] as number;
  return kthSmallest(buffer, count, count - k);
}

/** Hoare's selection: the value that sorting `a[0..count)` ascending would put at `target`. */
function kthSmallest(a: Float64Array, count: number, target: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const kept = a[i] as number;
        a[i] = a[j] as number;
        a[j] = kept;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target] as number;
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
