/** Per-line working space of one evaluation; its contents mean nothing between evaluations. */
export interface Scratch {
  /** 1 when the code may discount the line's units. */
  eligible: Uint8Array;
  /** 1 when eligible before the performance window was applied. */
  preWindow: Uint8Array;
  /** Benefit-specific flags: buy-eligible (flagA) and get-eligible (flagB) for buy_x_get_y. */
  flagA: Uint8Array;
  flagB: Uint8Array;
  /** Units selected by docs/ENGINE.md rule 3, or units still free while sets are assembled. */
  count: Int32Array;
  /** Next unit index a line hands out while sets are assembled. */
  cursor: Int32Array;
  /** Replacement price (specific_price). */
  amount: Float64Array;
  /** Weights, results and remainders of largest-remainder splits over lines. */
  weight: Float64Array;
  result: Float64Array;
  remainder: Float64Array;
  grants: Grants;
}

/**
 * Discounts handed to runs of units while sets are assembled (buy_x_get_y, multi_buy): `total` is
 * spread evenly over units start..start+count of the line. Parallel arrays, reused across codes.
 */
export interface Grants {
  size: number;
  line: number[];
  start: number[];
  count: number[];
  total: number[];
}

// Evaluations are synchronous and never nested, so one scratch serves them all; allocating ten typed
// arrays per evaluation would cost more than the evaluation itself. Huge baskets get their own.
const POOLED_LINES = 4096;
let pool: Scratch | null = null;

export function scratchFor(n: number): Scratch {
  if (pool !== null && pool.eligible.length >= n) return pool;
  const size = Math.max(n, 64);
  const scratch: Scratch = {
    eligible: new Uint8Array(size),
    preWindow: new Uint8Array(size),
    flagA: new Uint8Array(size),
    flagB: new Uint8Array(size),
    count: new Int32Array(size),
    cursor: new Int32Array(size),
    amount: new Float64Array(size),
    weight: new Float64Array(size),
    result: new Float64Array(size),
    remainder: new Float64Array(size),
    grants: { size: 0, line: [], start: [], count: [], total: [] },
  };
  if (size <= POOLED_LINES) pool = scratch;
  return scratch;
}
