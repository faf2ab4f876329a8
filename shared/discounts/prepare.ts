import { currencyExponent } from '../money';
import { parseInstant } from './instant';
import type { Basket, BasketLine, EvaluationContext, LineDiscount, Usage } from './types';

// Per-basket and per-context facts worked out once: rankCodes evaluates thousands of codes against one
// basket, so anything that depends only on the basket (orders, event groups) or only on the context (the
// parsed clock, performance start times) lives here and is reused by every code.

export interface PreparedBasket {
  readonly basket: Basket;
  readonly lines: readonly BasketLine[];
  readonly n: number;
  readonly currency: string;
  readonly exponent: number;
  /** Units of kind 'ticket', free ones included: the default attendee count. */
  readonly ticketUnits: number;
  readonly attendees: number;
  /** Per line: 1 when not a fee and priced above zero (rule 2). */
  readonly discountable: readonly number[];
  /** Per line: small integer per distinct eventId in basket order; 0 = no event. */
  readonly eventGroup: readonly number[];
  readonly eventIds: readonly (string | undefined)[];
  ascending: readonly number[] | null;
  descending: readonly number[] | null;
  readonly scratch: Scratch;
  /** Set by rankCodes, which keeps thousands of results alive at once. */
  readonly shared: SharedResults | null;
}

/**
 * Structural sharing between the evaluations of one ranking: a line discounted the same way by two
 * codes (always so for an undiscounted line, and for child codes of one parent) is one frozen
 * LineDiscount, and an identical trace sentence is one string. Results stay immutable values; they
 * just do not repeat themselves thousands of times.
 */
export interface SharedResults {
  /** Per line: LineDiscount by (total, discounted units). */
  readonly lines: Map<number, LineDiscount>[];
  readonly sentences: Map<string, string>;
}

export function prepareBasket(basket: Basket, shareResults = false): PreparedBasket {
  const lines = basket.lines;
  const n = lines.length;
  const discountable: number[] = [];
  const eventGroup: number[] = [];
  const eventIds: (string | undefined)[] = [undefined];
  let ticketUnits = 0;
  for (let i = 0; i < n; i++) {
    const line = lines[i] as BasketLine;
    if (line.kind === 'ticket') ticketUnits += line.qty;
    discountable.push(line.kind !== 'fee' && line.unitPrice > 0 ? 1 : 0);
    let group = 0;
    if (line.eventId !== undefined) {
      group = eventIds.indexOf(line.eventId, 1);
      if (group < 0) group = eventIds.push(line.eventId) - 1;
    }
    eventGroup.push(group);
  }
  return {
    basket,
    lines,
    n,
    currency: basket.currency,
    exponent: currencyExponent(basket.currency),
    ticketUnits,
    attendees: basket.attendees ?? ticketUnits,
    discountable,
    eventGroup,
    eventIds,
    ascending: null,
    descending: null,
    scratch: scratchFor(n),
    shared: shareResults
      ? { lines: lines.map(() => new Map<number, LineDiscount>()), sentences: new Map() }
      : null,
  };
}

/** Line indices by unit price, cheapest first; ties by basket order (clarification 17). */
export function ascending(pb: PreparedBasket): readonly number[] {
  return (pb.ascending ??= byPrice(pb.lines, 1));
}

/** Line indices by unit price, most expensive first; ties still by basket order. */
export function descending(pb: PreparedBasket): readonly number[] {
  return (pb.descending ??= byPrice(pb.lines, -1));
}

// Insertion sort for the usual few dozen lines (no comparator calls, stable: an equal price never
// moves ahead of an earlier line); the built-in sort for long baskets.
function byPrice(lines: readonly BasketLine[], direction: 1 | -1): number[] {
  const n = lines.length;
  const order: number[] = [];
  if (n > 64) {
    for (let i = 0; i < n; i++) order.push(i);
    return order.sort(
      (a, b) =>
        ((lines[a] as BasketLine).unitPrice - (lines[b] as BasketLine).unitPrice) * direction || a - b,
    );
  }
  for (let i = 0; i < n; i++) {
    const price = (lines[i] as BasketLine).unitPrice * direction;
    let at = i;
    order.push(i);
    while (at > 0 && (lines[order[at - 1] as number] as BasketLine).unitPrice * direction > price) {
      order[at] = order[at - 1] as number;
      at--;
    }
    order[at] = i;
  }
  return order;
}

/**
 * A line whose first `count` units share `total` evenly (earlier units take the odd cents): fresh, or
 * shared and frozen when the basket was prepared for a ranking.
 */
export function evenLine(pb: PreparedBasket, i: number, total: number, count: number): LineDiscount {
  const line = pb.lines[i] as BasketLine;
  const qty = line.qty;
  const cache = pb.shared?.lines[i];
  const key = total === 0 ? 0 : total * (qty + 1) + count;
  const cached = cache?.get(key);
  if (cached !== undefined) return cached;
  // Sized up front: an array grown by push keeps room for 17 entries, and rankCodes holds thousands.
  const units = new Array<number>(qty);
  const base = count > 0 ? Math.floor(total / count) : 0;
  const extra = total - base * count;
  for (let k = 0; k < qty; k++) units[k] = k < count ? base + (k < extra ? 1 : 0) : 0;
  const result: LineDiscount = { lineId: line.id, discount: total, unitDiscounts: units };
  if (cache === undefined || !Number.isSafeInteger(key)) return result;
  Object.freeze(units);
  cache.set(key, Object.freeze(result));
  return result;
}

export function zeroLine(pb: PreparedBasket, i: number): LineDiscount {
  return evenLine(pb, i, 0, 0);
}

/** One string per distinct trace sentence within a ranking. */
export function sharedSentence(pb: PreparedBasket, text: string): string {
  const sentences = pb.shared?.sentences;
  if (sentences === undefined) return text;
  const known = sentences.get(text);
  if (known !== undefined) return known;
  sentences.set(text, text);
  return text;
}

// ---- scratch

/** Per-line working space of one evaluation; its contents mean nothing between evaluations. */
export interface Scratch {
  /** 1 when the code may discount the line's units. */
  eligible: Uint8Array;
  /** 1 when eligible before the performance window was applied. */
  preWindow: Uint8Array;
  /** Benefit-specific flags: buy-eligible (flagA) and get-eligible (flagB) for buy_x_get_y. */
  flagA: Uint8Array;
  flagB: Uint8Array;
  /** Units selected by rule 3, or units still free while sets are assembled. */
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

function scratchFor(n: number): Scratch {
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

// ---- context

export interface PreparedContext {
  readonly ctx: EvaluationContext;
  readonly now: number;
  readonly overuse: boolean;
  /** startsAt per scheduleId, parsed once. */
  readonly startsAt: ReadonlyMap<string, number>;
}

/** `startsAt` may come from validation, which has parsed every start already. */
export function prepareContext(ctx: EvaluationContext, startsAt?: Map<string, number>): PreparedContext {
  let starts = startsAt;
  if (starts === undefined) {
    starts = new Map();
    const performances = ctx.performances;
    if (performances !== undefined) {
      for (const id in performances) starts.set(id, parseInstant(performances[id]?.startsAt));
    }
  }
  return { ctx, now: parseInstant(ctx.now), overuse: ctx.overuse === true, startsAt: starts };
}

/** Epoch ms of a performance's start, or undefined when the context has no data for it. */
export function performanceStart(pc: PreparedContext, scheduleId: string): number | undefined {
  return pc.startsAt.get(scheduleId);
}

const NO_USAGE: Usage = Object.freeze({
  uses: 0,
  itemUses: 0,
  discountGiven: 0,
  customerUses: 0,
  customerItemUses: 0,
  customerUsesByEvent: Object.freeze({}),
  customerUsesBySchedule: Object.freeze({}),
});

/** The usage counts for one code: its entry in usageByCode, else ctx.usage, else zero. */
export function usageFor(ctx: EvaluationContext, codeId: string): Usage {
  const byCode = ctx.usageByCode;
  if (byCode !== undefined && Object.hasOwn(byCode, codeId)) return byCode[codeId] ?? NO_USAGE;
  return ctx.usage ?? NO_USAGE;
}
