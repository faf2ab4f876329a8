import type { PreparedBasket } from '../prepare';
import type { Grants } from '../scratch';

// Shared bookkeeping for benefits that assemble sets of units (buy_x_get_y, multi_buy): how many units
// of each line are still free, which unit index a line hands out next, and the grants made so far.

export function resetPool(pb: PreparedBasket): void {
  const { lines, n, scratch } = pb;
  for (let i = 0; i < n; i++) {
    scratch.count[i] = scratch.eligible[i] === 1 ? (lines[i]?.qty ?? 0) : 0;
    scratch.cursor[i] = 0;
  }
  scratch.grants.size = 0;
}

/** Takes up to `want` free units of line i; returns how many it took (they are the line's next indices). */
export function take(pb: PreparedBasket, i: number, want: number): number {
  const { count, cursor } = pb.scratch;
  const taken = Math.min(want, count[i] as number);
  count[i] = (count[i] as number) - taken;
  cursor[i] = (cursor[i] as number) + taken;
  return taken;
}

export function pushGrant(grants: Grants, line: number, start: number, count: number, total: number): void {
  const at = grants.size;
  grants.line[at] = line;
  grants.start[at] = start;
  grants.count[at] = count;
  grants.total[at] = total;
  grants.size = at + 1;
}

/** Event groups among eligible lines in basket order (sameEvent: docs/ENGINE.md rule 7, clarification 19). */
export function eligibleEvents(pb: PreparedBasket): number[] {
  const events: number[] = [];
  for (let i = 0; i < pb.n; i++) {
    const group = pb.eventGroup[i] as number;
    if (pb.scratch.eligible[i] === 1 && !events.includes(group)) events.push(group);
  }
  return events;
}

export const ANY_EVENT = -1;

export function inEvent(pb: PreparedBasket, i: number, event: number): boolean {
  return event === ANY_EVENT || pb.eventGroup[i] === event;
}
