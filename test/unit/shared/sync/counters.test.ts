import { describe, expect, it } from 'vitest';
import {
  codeCounters,
  isCapacityCounter,
  limitReasonOf,
  mergeNeeds,
  saleNeeds,
  ticketsPerPerformance,
} from '../../../../shared/sync/counters';

describe('saleNeeds', () => {
  const code = (rules: Record<string, number>) => ({ id: 'c1', rules });

  it('takes a seat per ticket and one unit of each limit the code sets', () => {
    const needs = saleNeeds(new Map([['p1', 3]]), code({ maxUses: 10, maxItemUses: 50, budget: 10_000 }), {
      itemUses: 2,
      discount: 1500,
    });
    expect(needs).toEqual([
      { counter: 'capacity:p1', units: 3 },
      { counter: 'code_uses:c1', units: 1 },
      { counter: 'code_item_uses:c1', units: 2 },
      { counter: 'code_budget:c1', units: 1500 },
    ]);
  });

  it('needs nothing for a code without limits, nor for a code that did not apply', () => {
    expect(saleNeeds(new Map(), code({}), { itemUses: 3, discount: 100 })).toEqual([]);
    expect(saleNeeds(new Map([['p1', 1]]), code({ maxUses: 1 }), null)).toEqual([
      { counter: 'capacity:p1', units: 1 },
    ]);
  });
});

describe('codeCounters and limitReasonOf', () => {
  it('names each counter after the engine limit whose message staff see when it runs dry', () => {
    expect(codeCounters({ id: 'c', rules: { maxUses: 2, budget: 900 } }).map((x) => x.counter)).toEqual([
      'code_uses:c',
      'code_budget:c',
    ]);
    expect(limitReasonOf('code_uses:c')).toBe('MAX_USES');
    expect(limitReasonOf('code_item_uses:c')).toBe('MAX_ITEM_USES');
    expect(limitReasonOf('code_budget:c')).toBe('BUDGET_EXHAUSTED');
    expect(limitReasonOf('capacity:p')).toBeUndefined();
  });

  it('adds needs of the same counter together', () => {
    expect(
      mergeNeeds([
        { counter: 'capacity:p', units: 1 },
        { counter: 'capacity:p', units: 2 },
      ]),
    ).toEqual([{ counter: 'capacity:p', units: 3 }]);
  });
});

describe('ticketsPerPerformance and isCapacityCounter', () => {
  it('counts ticket units per performance, leaving out products and lines without one', () => {
    const line = (kind: string, performanceId: string | null, qty: number) => ({ kind, performanceId, qty });
    const seats = ticketsPerPerformance([
      line('ticket', 'p1', 2),
      line('merch', 'p1', 5),
      line('ticket', 'p2', 1),
      line('ticket', 'p1', 3),
      line('ticket', null, 4),
    ]);
    expect([...seats]).toEqual([
      ['p1', 5],
      ['p2', 1],
    ]);
  });

  it('leaves the units that carry a seat out of the capacity counter (docs/SEATING.md)', () => {
    const lines = [
      { id: 'l1', kind: 'ticket', performanceId: 'p1', qty: 3 },
      { id: 'l2', kind: 'ticket', performanceId: 'p1', qty: 2 },
      { id: 'l3', kind: 'ticket', performanceId: 'p2', qty: 2 },
    ];
    const units = [
      { lineId: 'l1', seatId: 's1' },
      { lineId: 'l1', seatId: 's2' },
      { lineId: 'l1', seatId: null },
      { lineId: 'l3', seatId: 's3' },
      { lineId: 'l3', seatId: 's4' },
    ];
    expect([...ticketsPerPerformance(lines, units)]).toEqual([
      ['p1', 3],
      ['p2', 0],
    ]);
    expect(saleNeeds(ticketsPerPerformance(lines, units), null, null)).toEqual([
      { counter: 'capacity:p1', units: 3 },
    ]);
    expect([...ticketsPerPerformance(lines)]).toEqual([
      ['p1', 5],
      ['p2', 2],
    ]);
  });

  it('tells a seat counter from a code counter', () => {
    expect(isCapacityCounter('capacity:p1')).toBe(true);
    expect(isCapacityCounter('code_uses:c1')).toBe(false);
    expect(isCapacityCounter('not a key')).toBe(false);
  });
});
