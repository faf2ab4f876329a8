import { describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import type { ReviewItem } from '../../../shared/sync/protocol';
import type { DoorCounts } from '../../../shared/tickets/checkins';
import { listDoorEntries } from '../../../src-main/db/repos/door-repo';
import { readOutbox } from '../../../src-main/db/repos/outbox-repo';
import { useSyncWorld } from '../../helpers/sync-fixture';
import type { TestTerminal } from '../../helpers/terminal';

// docs/TICKETS.md "Door mode": two enrolled terminals at two doors of one real server on 127.0.0.1.
// Online the server decides (first entry wins across doors); with the server stopped each door decides
// alone, and its entries reach the server with the next push, where a double admission becomes a
// duplicate-entry review item.

describe('Door mode against the server', () => {
  const { world, enrolled } = useSyncWorld();

  const signInManager = (pos: TestTerminal) =>
    pos.must(c.staff.signIn, { staffId: world().catalogue.managerId, pin: '907153' });

  /**
   * Tonight's performance, an hour away (its doors are open), two enrolled terminals with the manager
   * signed in, and `qty` seats for tonight sold at the first and pushed.
   */
  const tonightAtTwoTerminals = async (qty: number) => {
    const { org, catalogue, clock } = world();
    const created = await org.api.post<{ id: string }>('/v1/performances', {
      eventId: catalogue.eventId,
      startsAt: new Date(clock.now() + 3_600_000).toISOString(),
      capacity: 100,
    });
    expect(created.status).toBe(201);
    const tonight = created.body.id;
    const first = await enrolled();
    const second = await enrolled();
    await signInManager(first);
    await signInManager(second);
    await first.must(c.shift.open, { openingFloat: 0 });
    await first.must(c.cart.addTicket, {
      performanceId: tonight,
      ticketPriceId: catalogue.ticketPriceId,
      qty,
    });
    const cart = await first.must(c.cart.get);
    const sale = await first.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
    expect((await first.terminal.sync.pushOnce()).ok).toBe(true);
    return { tonight, first, second, sale };
  };

  it('asks the server first, decides alone while it is away, and the server keeps the first entry', async () => {
    const { org, clock, server } = world();
    const { tonight, first: north, second: south, sale } = await tonightAtTwoTerminals(2);
    const [first, second] = sale.tickets.map((t) => ({ id: t.id, secret: t.secret! }));

    // Online: the server admits, and each door keeps what it was told.
    await north.must(c.door.open, { door: 'North', performanceIds: [tonight] });
    await south.must(c.door.open, { door: 'South', performanceIds: [tonight] });
    expect(await north.must(c.door.scan, { text: first!.secret })).toMatchObject({
      outcome: { kind: 'valid', ticketId: first!.id, performanceId: tonight },
      decidedBy: 'server',
      performance: { id: tonight, eventName: 'Macbeth' },
    });
    expect(listDoorEntries(north.terminal.db)).toMatchObject([
      { ticketId: first!.id, door: 'North', source: 'online' },
    ]);
    expect(await south.must(c.door.scan, { text: first!.secret })).toMatchObject({
      outcome: { kind: 'already_entered', ticketId: first!.id, entry: { door: 'North' } },
      decidedBy: 'server',
    });
    expect(listDoorEntries(south.terminal.db)).toEqual([]);
    const outboxCheckins = (pos: TestTerminal) =>
      readOutbox(pos.terminal.db).filter((e) => e.type === 'checkin');
    expect(outboxCheckins(north)).toEqual([]);
    expect(await north.must(c.door.counts)).toMatchObject({
      source: 'server',
      expected: 2,
      entered: 1,
      byDoor: [{ door: 'North', entered: 1 }],
    });

    // The server goes away: both doors admit the second ticket on their own.
    await server.stop();
    clock.advance(60_000);
    for (const pos of [north, south]) {
      expect(await pos.must(c.door.scan, { text: second!.secret })).toMatchObject({
        outcome: { kind: 'valid', ticketId: second!.id },
        decidedBy: 'terminal',
      });
      expect(outboxCheckins(pos)).toHaveLength(1);
    }
    expect(await north.must(c.door.counts)).toMatchObject({ source: 'terminal', expected: 2, entered: 2 });

    // Back online, the pushed entries arrive: the first one counts, the second is for a manager to review.
    await server.restart();
    expect((await north.terminal.sync.pushOnce()).ok).toBe(true);
    expect((await south.terminal.sync.pushOnce()).ok).toBe(true);
    const counts = await org.api.get<DoorCounts>(`/v1/checkins/counts?performanceId=${tonight}`);
    expect(counts.body).toMatchObject({ expected: 2, entered: 2, byDoor: [{ door: 'North', entered: 2 }] });
    const items = await org.api.get<{ items: ReviewItem[] }>('/v1/review-items?kind=duplicate_entry');
    expect(items.body.items).toHaveLength(1);
    expect(items.body.items[0]?.summary).toContain(second!.id);
    expect(items.body.items[0]?.summary).toContain('South');
  });

  it('refuses, with the server away, a ticket voided at another terminal once a pull brought the void', async () => {
    const { server } = world();
    const { tonight, first: till, second: door, sale } = await tonightAtTwoTerminals(1);
    await till.must(c.sales.void, { saleId: sale.sale.id, reason: 'Customer changed their mind' });
    expect((await till.terminal.sync.pushOnce()).ok).toBe(true);
    expect((await door.terminal.sync.pullOnce()).ok).toBe(true);

    await server.stop();
    try {
      await door.must(c.door.open, { door: 'Foyer', performanceIds: [tonight] });
      const [ticket] = sale.tickets;
      expect(await door.must(c.door.scan, { text: ticket!.secret! })).toMatchObject({
        outcome: { kind: 'voided', ticketId: ticket!.id },
        decidedBy: 'terminal',
      });
      expect(listDoorEntries(door.terminal.db)).toEqual([]);
      expect(readOutbox(door.terminal.db).filter((e) => e.type === 'checkin')).toEqual([]);
    } finally {
      await server.restart();
    }
  });
});
