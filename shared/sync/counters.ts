import type { CodeRecord } from '../codes/types';
import type { ReasonCode } from '../discounts';
import { counterKey, parseCounterKey, type CounterKind } from './protocol';

// The capped counters a sale takes from, once for both sides: the terminal asks its leases for these
// needs before checkout (src-main/services/sync/escrow.ts), and the server counts the same units again
// from the pushed sale (src-server/services/sale-apply.ts), so neither can drift from the other.

/** Units of one capped counter a sale needs. */
export interface CounterNeed {
  counter: string;
  units: number;
}

/** The engine's limit behind each code counter: its message is the one staff see when leases run dry. */
export const LIMIT_REASON: Record<Exclude<CounterKind, 'capacity' | 'voucher_balance'>, ReasonCode> = {
  code_uses: 'MAX_USES',
  code_item_uses: 'MAX_ITEM_USES',
  code_budget: 'BUDGET_EXHAUSTED',
};

export function limitReasonOf(counter: string): ReasonCode | undefined {
  const ref = parseCounterKey(counter);
  return ref && ref.kind !== 'capacity' && ref.kind !== 'voucher_balance'
    ? LIMIT_REASON[ref.kind]
    : undefined;
}

/** The code counters a code has: only the limits it sets are capped. */
export function codeCounters(
  code: Pick<CodeRecord, 'id' | 'rules'>,
): { counter: string; limit: number; kind: CounterKind }[] {
  const out: { counter: string; limit: number; kind: CounterKind }[] = [];
  const { maxUses, maxItemUses, budget } = code.rules;
  if (maxUses !== undefined)
    out.push({ counter: counterKey({ kind: 'code_uses', id: code.id }), limit: maxUses, kind: 'code_uses' });
  if (maxItemUses !== undefined)
    out.push({
      counter: counterKey({ kind: 'code_item_uses', id: code.id }),
      limit: maxItemUses,
      kind: 'code_item_uses',
    });
  if (budget !== undefined)
    out.push({
      counter: counterKey({ kind: 'code_budget', id: code.id }),
      limit: budget,
      kind: 'code_budget',
    });
  return out;
}

/**
 * Tickets per performance of a sale's lines that take a unit of the capacity counter (a line without a
 * performance takes none). A seated unit (one with a `seatId`) is its own counter of one and takes no
 * unit of it (docs/SEATING.md "Capacity of a seated performance").
 */
export function ticketsPerPerformance(
  lines: readonly { id?: string; kind: string; performanceId: string | null; qty: number }[],
  units: readonly { lineId: string; seatId?: string | null }[] = [],
): Map<string, number> {
  const seated = new Map<string, number>();
  for (const unit of units) if (unit.seatId) seated.set(unit.lineId, (seated.get(unit.lineId) ?? 0) + 1);
  const perPerformance = new Map<string, number>();
  for (const line of lines)
    if (line.kind === 'ticket' && line.performanceId) {
      const qty = Math.max(0, line.qty - (line.id === undefined ? 0 : (seated.get(line.id) ?? 0)));
      perPerformance.set(line.performanceId, (perPerformance.get(line.performanceId) ?? 0) + qty);
    }
  return perPerformance;
}

/**
 * What a sale takes from the escrow: a seat per ticket of each performance, and for a capped code
 * one use, its discounted units and its discount.
 */
export function saleNeeds(
  ticketsPerPerformance: ReadonlyMap<string, number>,
  code: Pick<CodeRecord, 'id' | 'rules'> | null,
  evaluation: { itemUses: number; discount: number } | null,
): CounterNeed[] {
  const needs: CounterNeed[] = [];
  for (const [performanceId, qty] of ticketsPerPerformance)
    if (qty > 0) needs.push({ counter: counterKey({ kind: 'capacity', id: performanceId }), units: qty });
  if (code && evaluation) {
    for (const { counter, kind } of codeCounters(code)) {
      const units =
        kind === 'code_uses' ? 1 : kind === 'code_item_uses' ? evaluation.itemUses : evaluation.discount;
      if (units > 0) needs.push({ counter, units });
    }
  }
  return needs;
}

/** Whether a counter limits seats (a performance's capacity) rather than a code. */
export function isCapacityCounter(counter: string): boolean {
  return parseCounterKey(counter)?.kind === 'capacity';
}

/** Adds needs of the same counter together. */
export function mergeNeeds(needs: readonly CounterNeed[]): CounterNeed[] {
  const byCounter = new Map<string, number>();
  for (const need of needs) byCounter.set(need.counter, (byCounter.get(need.counter) ?? 0) + need.units);
  return [...byCounter].map(([counter, units]) => ({ counter, units }));
}

/**
 * What a sale's voucher tenders take (docs/CASH.md "Paying with one"): from each voucher's balance
 * counter, the amount paid with it. The terminal asks its leases for these, the server counts them again.
 */
export function voucherNeeds(
  payments: readonly { tender: string; amount: number; voucherId?: string | null }[],
): CounterNeed[] {
  return mergeNeeds(
    payments
      .filter((p) => p.tender === 'voucher' && p.voucherId && p.amount > 0)
      .map((p) => ({
        counter: counterKey({ kind: 'voucher_balance', id: p.voucherId as string }),
        units: p.amount,
      })),
  );
}
