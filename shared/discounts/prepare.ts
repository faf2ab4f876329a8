import { currencyExponent } from '../money';
import { parseInstant } from './instant';
import { scratchFor, type Scratch } from './scratch';
import { createSharedResults, type SharedResults } from './shared-results';
import type { Basket, BasketLine, EvaluationContext, Usage } from './types';

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
  /** Per line: 1 when not a fee and priced above zero (docs/ENGINE.md rule 2). */
  readonly discountable: readonly number[];
  /** Per line: small integer per distinct eventId in basket order; 0 = no event. */
  readonly eventGroup: readonly number[];
  readonly eventIds: readonly (string | undefined)[];
  /** The same for scheduleId. */
  readonly scheduleGroup: readonly number[];
  readonly scheduleIds: readonly (string | undefined)[];
  ascending: readonly number[] | null;
  descending: readonly number[] | null;
  readonly scratch: Scratch;
  /** Set by rankCodes, which keeps thousands of results alive at once. */
  readonly shared: SharedResults | null;
}

export function prepareBasket(basket: Basket, shareResults = false): PreparedBasket {
  const lines = basket.lines;
  const n = lines.length;
  const discountable: number[] = [];
  const eventGroup: number[] = [];
  const eventIds: (string | undefined)[] = [undefined];
  const scheduleGroup: number[] = [];
  const scheduleIds: (string | undefined)[] = [undefined];
  const eventIndex = new Map<string, number>();
  const scheduleIndex = new Map<string, number>();
  let ticketUnits = 0;
  for (let i = 0; i < n; i++) {
    const line = lines[i] as BasketLine;
    if (line.kind === 'ticket') ticketUnits += line.qty;
    discountable.push(line.kind !== 'fee' && line.unitPrice > 0 ? 1 : 0);
    eventGroup.push(groupOf(eventIds, eventIndex, line.eventId));
    scheduleGroup.push(groupOf(scheduleIds, scheduleIndex, line.scheduleId));
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
    scheduleGroup,
    scheduleIds,
    ascending: null,
    descending: null,
    scratch: scratchFor(n),
    shared: shareResults ? createSharedResults(n) : null,
  };
}

// A Map, not ids.indexOf(id, 1): depending on how V8 compiled it, that call sometimes ran on its slow
// generic path and took a quarter of a 50-line evaluation (profiled); a Map lookup costs the same
// every time and stays O(1) per line.
function groupOf(ids: (string | undefined)[], index: Map<string, number>, id: string | undefined): number {
  if (id === undefined) return 0;
  let group = index.get(id);
  if (group === undefined) {
    group = ids.push(id) - 1;
    index.set(id, group);
  }
  return group;
}

/** Line indices by unit price, cheapest first; ties by basket order (docs/ENGINE.md clarification 17). */
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
  const key: number[] = [];
  for (let i = 0; i < n; i++) key.push((lines[i] as BasketLine).unitPrice * direction);
  if (n > 64) {
    for (let i = 0; i < n; i++) order.push(i);
    return order.sort((a, b) => (key[a] as number) - (key[b] as number) || a - b);
  }
  for (let i = 0; i < n; i++) {
    const price = key[i] as number;
    let at = i;
    order.push(i);
    while (at > 0 && (key[order[at - 1] as number] as number) > price) {
      order[at] = order[at - 1] as number;
      at--;
    }
    order[at] = i;
  }
  return order;
}

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
