import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SaleLineRow, SaleUnitRow } from '../../../../shared/sync/sale-record';
import { issueTickets, type TicketClaims } from '../../../../shared/tickets/issue';

// shared/tickets/issue.ts: which units get a ticket and what each says. The seal here is a stand-in
// that records the claims; the real signature is tested in test/unit/shared/node/ticket-secret.test.ts.

type Line = Pick<SaleLineRow, 'id' | 'kind' | 'itemId' | 'performanceId' | 'priceBandId' | 'ticketTypeId'>;
const line = (id: string, extra: Partial<Line> = {}): Line => ({
  id,
  kind: 'ticket',
  itemId: `item-${id}`,
  performanceId: 'perf-1',
  priceBandId: 'band-1',
  ticketTypeId: `type-${id}`,
  ...extra,
});
const units = (lineId: string, totals: number[]): Pick<SaleUnitRow, 'lineId' | 'unitIndex' | 'total'>[] =>
  totals.map((total, unitIndex) => ({ lineId, unitIndex, total }));
const AT = '2026-12-05T19:30:12.345Z';

describe('issueTickets', () => {
  it('makes one valid ticket per unit of a ticket line with a performance, at what the unit was charged', () => {
    const tickets = issueTickets({
      saleId: 'sale-1',
      issuedAt: AT,
      lines: [line('a'), line('m', { kind: 'merch', performanceId: null }), line('b', { priceBandId: null })],
      // Out of order on purpose: tickets follow the unit index.
      units: [...units('b', [900]), ...units('m', [550]), ...units('a', [4000, 3999]).reverse()],
      ids: randomUUID,
    });
    expect(tickets.map((t) => [t.lineId, t.unitIndex, t.pricePaid, t.priceBandId])).toEqual([
      ['a', 0, 4000, 'band-1'],
      ['a', 1, 3999, 'band-1'],
      ['b', 0, 900, null],
    ]);
    for (const t of tickets)
      expect(t).toMatchObject({
        saleId: 'sale-1',
        performanceId: 'perf-1',
        status: 'valid',
        secret: null,
        keyId: null,
        issuedAt: AT,
        replaces: null,
      });
    expect(new Set(tickets.map((t) => t.id)).size).toBe(3);
  });

  it('gives a ticket line without a performance no ticket, and names the item when the line has no type', () => {
    const tickets = issueTickets({
      saleId: 'sale-1',
      issuedAt: AT,
      lines: [
        line('undated', { performanceId: null }),
        line('a', { ticketTypeId: null }),
        line('f', { kind: 'fee' }),
      ],
      units: [...units('undated', [100]), ...units('a', [100]), ...units('f', [100])],
      ids: randomUUID,
    });
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ lineId: 'a', ticketTypeId: 'item-a' });
  });

  it('seals each ticket with its own id, performance, type and the sale’s time', () => {
    const sealed: TicketClaims[] = [];
    const tickets = issueTickets({
      saleId: 'sale-1',
      issuedAt: AT,
      lines: [line('a')],
      units: units('a', [100, 100]),
      ids: randomUUID,
      seal: (claims) => {
        sealed.push(claims);
        return { secret: `S:${claims.ticketId}`, keyId: '0123456789abcdef' };
      },
    });
    expect(sealed).toEqual(
      tickets.map((t) => ({ ticketId: t.id, performanceId: 'perf-1', ticketTypeId: 'type-a', issuedAt: AT })),
    );
    expect(tickets.map((t) => [t.secret, t.keyId])).toEqual(
      tickets.map((t) => [`S:${t.id}`, '0123456789abcdef']),
    );
  });
});
