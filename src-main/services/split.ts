import { largestRemainder } from '../../shared/discounts/allocate';

/** `total` split over `weights` by the engine's largest-remainder rule (rule 9), as a new array. */
export function splitByWeights(total: number, weights: readonly number[]): number[] {
  const out = new Float64Array(weights.length);
  largestRemainder(total, Float64Array.from(weights), weights.length, out, new Float64Array(weights.length));
  return Array.from(out);
}
