import type { PreparedBasket } from './prepare';
import type { BasketLine, LineDiscount } from './types';

/**
 * Structural sharing between the evaluations of one ranking: a line discounted the same way by two
 * codes (always so for an undiscounted line, and for child codes of one parent) is one frozen
 * LineDiscount. Results stay immutable values; they just do not repeat themselves thousands of times.
 */
export interface SharedResults {
  /** Per line: its undiscounted LineDiscount, made on first use. */
  readonly zero: (LineDiscount | undefined)[];
  /** Per line: LineDiscount by (total, discounted units). */
  readonly lines: Map<number, LineDiscount>[];
  /** Whole `lines` arrays by a hash of their entries (checked entry by entry on a hit). */
  readonly arrays: Map<number, LineDiscount[]>;
  /** Trace sentences that depend on two numbers only, per kind of sentence. */
  readonly sentences: Map<number, string>[];
}

export function createSharedResults(lineCount: number): SharedResults {
  const lines: Map<number, LineDiscount>[] = [];
  for (let i = 0; i < lineCount; i++) lines.push(new Map());
  return { zero: [], lines, arrays: new Map(), sentences: [] };
}

/**
 * A line whose first `count` units share `total` evenly (earlier units take the odd cents): fresh, or
 * shared and frozen when the basket was prepared for a ranking.
 */
export function evenLine(pb: PreparedBasket, i: number, total: number, count: number): LineDiscount {
  const shared = pb.shared;
  if (shared === null) return makeEvenLine(pb.lines[i] as BasketLine, total, count);
  if (total === 0) return (shared.zero[i] ??= freeze(makeEvenLine(pb.lines[i] as BasketLine, 0, 0)));
  const cache = shared.lines[i] as Map<number, LineDiscount>;
  const line = pb.lines[i] as BasketLine;
  const key = total * (line.qty + 1) + count;
  let result = cache.get(key);
  if (result === undefined) {
    result = makeEvenLine(line, total, count);
    // Repeats show up early (child codes of one parent); past a few dozen shapes a line's results are
    // all different amounts and caching them would only cost time.
    if (cache.size < SHARED_SHAPES_PER_LINE && Number.isSafeInteger(key)) cache.set(key, freeze(result));
  }
  return result;
}

const SHARED_SHAPES_PER_LINE = 32;
const SHARED_ARRAYS = 256;
/** Folds a line's (total, count) into a running 32-bit hash of a result's lines (FNV-style). */
export function hashLine(hash: number, total: number, count: number): number {
  // Integer-only mixing: `%` on large doubles is a slow library call, and a collision costs nothing
  // because shareLines compares entries before reusing an array.
  return Math.imul(hash ^ (total | 0) ^ Math.imul(count, 0x9e3779b1), 0x01000193);
}

// In a ranking, a result's lines are first written here: most results turn out to have the entries of
// an earlier array and take that one, so a new array is only made for the others. Evaluations are
// synchronous and never nested; the entries left behind are results' own lines. Huge baskets get
// their own array, so the buffer never holds on to much.
const pending: LineDiscount[] = [];
const BUFFERED_LINES = 4096;

/** Where a result's `pb.n` lines are written before shareLines: fresh, or the ranking's buffer. */
export function lineBuffer(pb: PreparedBasket): LineDiscount[] {
  return pb.shared === null || pb.n > BUFFERED_LINES ? new Array<LineDiscount>(pb.n) : pending;
}

/**
 * The ranking's earlier array with the very same entries, else `lines` as an array of its own (frozen
 * and remembered when all its entries are shared ones). Outside a ranking, `lines` itself.
 */
export function shareLines(pb: PreparedBasket, lines: LineDiscount[], hash: number): LineDiscount[] {
  const arrays = pb.shared?.arrays;
  if (arrays === undefined) return lines;
  const n = pb.n;
  const known = arrays.get(hash);
  if (known !== undefined && sameEntries(known, lines, n)) return known;
  const own = lines === pending ? lines.slice(0, n) : lines;
  if (known === undefined && arrays.size < SHARED_ARRAYS && allFrozen(own))
    arrays.set(hash, Object.freeze(own) as LineDiscount[]);
  return own;
}

function allFrozen(lines: readonly LineDiscount[]): boolean {
  for (const line of lines) if (!Object.isFrozen(line)) return false;
  return true;
}

function sameEntries(known: readonly LineDiscount[], lines: readonly LineDiscount[], n: number): boolean {
  if (known.length !== n) return false;
  for (let i = 0; i < n; i++) if (known[i] !== lines[i]) return false;
  return true;
}

/**
 * The count k when `units` is `total` split evenly over its first k units (as evenLine makes it),
 * else -1: such a line can be shared even when buy_x_get_y or multi_buy produced it.
 */
export function evenPrefix(units: readonly number[], total: number): number {
  let count = 0;
  while (count < units.length && (units[count] as number) > 0) count++;
  if (count === 0) return -1;
  for (let k = count; k < units.length; k++) if (units[k] !== 0) return -1;
  const base = Math.floor(total / count);
  const extra = total - base * count;
  for (let k = 0; k < count; k++) if (units[k] !== base + (k < extra ? 1 : 0)) return -1;
  return count;
}

export function zeroLine(pb: PreparedBasket, i: number): LineDiscount {
  return evenLine(pb, i, 0, 0);
}

function makeEvenLine(line: BasketLine, total: number, count: number): LineDiscount {
  const qty = line.qty;
  // Sized up front: an array grown by push keeps room for 17 entries, and rankCodes holds thousands.
  const units = new Array<number>(qty);
  const base = count > 0 ? Math.floor(total / count) : 0;
  const extra = total - base * count;
  for (let k = 0; k < qty; k++) units[k] = k < count ? base + (k < extra ? 1 : 0) : 0;
  return { lineId: line.id, discount: total, unitDiscounts: units };
}

function freeze(line: LineDiscount): LineDiscount {
  Object.freeze(line.unitDiscounts);
  return Object.freeze(line);
}
