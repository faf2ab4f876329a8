import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalOrderDetail, JournalPage } from '../../../shared/reports/journal';
import type { TerminalSalePayload } from '../../../shared/sync/payloads';
import { seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { refundPayload, salePayload } from '../../helpers/sync-payloads';
import { newPerformance, openTill, pushTill, seedHall, type Till } from '../../helpers/sync-server';

// The sales journal (docs/ORDERS.md): two tills push sales (both with receipt 1), a code is used
// online, and a terminal's device token searches all of it by every kind of reference.

const at = (day: number) => `2026-03-0${day}T10:00:00.000Z`;

describe.each(backends)('sales journal (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let other: SeededOrganisation;
  let sellerId: string;
  let till: Till;
  let till2: Till;
  let perf: string;
  let onlineOrderId: string;
  let ada: TerminalSalePayload;
  let bob: TerminalSalePayload;
  let plain: TerminalSalePayload;

  const search = async (by: Till | SeededOrganisation, query: Record<string, string>) => {
    const reply = await by.api.get<JournalPage>(`/v1/journal?${new URLSearchParams(query).toString()}`);
    expect(reply.status, reply.text).toBe(200);
    return reply.body.rows.map((r) => r.orderId);
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    const db = server.database.db;
    org = await seedOrganisation(db, server.url, 'Theatre');
    other = await seedOrganisation(db, server.url, 'Elsewhere');
    sellerId = (await signInAs(org.api, server.url, 'seller')).staffId;
    const hall = await seedHall(org);
    perf = await newPerformance(org, hall.eventId, 100);
    till = await openTill(org, server.url, hall.venueId, sellerId);
    till2 = await openTill(org, server.url, hall.venueId, sellerId);
    const line = { eventId: hall.eventId, performanceId: perf, qty: 2, unitPrice: 2000 };
    ada = salePayload({
      terminalId: till.id,
      shiftId: till.shiftId,
      cashierId: sellerId,
      receiptNo: 1,
      createdAt: at(1),
      lines: [line],
      ticketSigner: till.ticketSigner,
      customer: { id: 'c-ada', name: 'Ada Lovelace', email: 'Ada@Example.test', phone: '+49 (30) 1234-5678' },
    });
    plain = salePayload({
      terminalId: till.id,
      shiftId: till.shiftId,
      cashierId: sellerId,
      receiptNo: 2,
      createdAt: at(2),
      lines: [line],
    });
    bob = salePayload({
      terminalId: till2.id,
      shiftId: till2.shiftId,
      cashierId: org.managerId,
      receiptNo: 1,
      createdAt: at(3),
      lines: [line],
      customer: { id: 'c-bob', name: 'Bob Lovelace-Smith', email: 'bob@example.test' },
    });
    till.box.append('sale', ada);
    till.box.append('sale', plain);
    till2.box.append('sale', bob);
    expect((await pushTill(till)).status).toBe(200);
    expect((await pushTill(till2)).status).toBe(200);
    // A unit of Ada's sale is refunded: the history says which terminal did it.
    const adaLine = (ada.lines[0] as { id: string }).id;
    till.box.append(
      'refund',
      refundPayload(ada, { kind: 'refund', staffId: sellerId, units: [{ lineId: adaLine, unitIndex: 0 }] }),
    );
    const refunded = await pushTill(till, till.box.entries.slice(-1));
    expect(refunded.body.results.map((r) => r.status)).toEqual(['applied']);

    const code = await org.api.post<{ id: string }>('/v1/codes', {
      code: 'WEB',
      name: 'Web',
      benefit: { type: 'fixed_order', amount: 100 },
      rules: {},
    });
    expect(code.status, code.text).toBe(201);
    onlineOrderId = randomUUID();
    const online = await org.api.post('/v1/redemptions', {
      id: randomUUID(),
      orderId: onlineOrderId,
      code: 'WEB',
      tickets: 1,
      discount: 100,
      revenue: 900,
      currency: 'EUR',
      buyer: 'Grace Hopper',
      redeemedAt: at(4),
    });
    expect(online.status, online.text).toBe(201);

    // Another organisation's Ada, receipt 1: never in this one's journal.
    const elsewhere = await seedHall(other);
    const otherPerf = await newPerformance(other, elsewhere.eventId, 50);
    const otherTill = await openTill(other, server.url, elsewhere.venueId, other.managerId);
    otherTill.box.append(
      'sale',
      salePayload({
        terminalId: otherTill.id,
        shiftId: otherTill.shiftId,
        cashierId: other.managerId,
        receiptNo: 1,
        createdAt: at(2),
        lines: [{ eventId: elsewhere.eventId, performanceId: otherPerf, qty: 1, unitPrice: 5000 }],
        customer: { id: 'c-ada-2', name: 'Ada Lovelace' },
      }),
    );
    expect((await pushTill(otherTill)).status).toBe(200);
  });
  afterAll(async () => {
    await server.close();
  });

  it('finds a receipt number at every terminal, each row naming its terminal', async () => {
    const reply = await till.api.get<JournalPage>('/v1/journal?q=1');
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.rows.map((r) => [r.orderId, r.terminalId])).toEqual([
      [bob.sale.id, till2.id],
      [ada.sale.id, till.id],
    ]);
  });

  it('finds an order by its id (the receipt QR) and by a scanned ticket QR', async () => {
    expect(await search(till2, { q: ada.sale.id.toUpperCase() })).toEqual([ada.sale.id]);
    const secret = ada.tickets[1]?.secret;
    expect(secret).toMatch(/^.{164}$/);
    expect(await search(till2, { q: `${secret}\r\n` })).toEqual([ada.sale.id]);
    expect(await search(till2, { q: onlineOrderId })).toEqual([onlineOrderId]);
  });

  it('finds customers by the start of a name, last name or e-mail, and a phone by its last digits', async () => {
    expect(await search(till, { q: 'ada' })).toEqual([ada.sale.id]);
    expect(await search(till, { q: 'LOVELACE' })).toEqual([bob.sale.id, ada.sale.id]);
    expect(await search(till, { q: 'lovelace-s' })).toEqual([bob.sale.id]);
    expect(await search(till, { q: 'bob@' })).toEqual([bob.sale.id]);
    expect(await search(till, { q: '030 1234 5678' })).toEqual([]);
    expect(await search(till, { q: '30 1234-5678' })).toEqual([ada.sale.id]);
    expect(await search(till, { q: 'grace' })).toEqual([onlineOrderId]);
    expect(await search(till, { q: '100%' })).toEqual([]);
  });

  it('narrows by date, terminal, cashier and performance, and lists everything without q', async () => {
    expect(await search(org, {})).toEqual([onlineOrderId, bob.sale.id, plain.sale.id, ada.sale.id]);
    expect(await search(org, { q: '1', terminalId: till.id })).toEqual([ada.sale.id]);
    // The online code use was recorded by the manager's session: it names them as cashier.
    expect(await search(org, { cashierId: org.managerId })).toEqual([onlineOrderId, bob.sale.id]);
    expect(await search(org, { cashierId: sellerId })).toEqual([plain.sale.id, ada.sale.id]);
    expect(await search(org, { performanceId: perf, from: at(2) })).toEqual([bob.sale.id, plain.sale.id]);
    expect(await search(org, { q: 'lovelace', to: at(2) })).toEqual([ada.sale.id]);
  });

  it('opens an order with its tickets, code use and refunds, naming the refunding terminal', async () => {
    const reply = await till.api.get<JournalOrderDetail>(`/v1/journal/orders/${ada.sale.id}`);
    expect(reply.status, reply.text).toBe(200);
    const d = reply.body;
    expect(d.order).toMatchObject({ receiptNo: 1, terminalId: till.id, status: 'partly_refunded' });
    expect(d.lines).toHaveLength(1);
    expect(d.tickets.map((t) => t.status).sort()).toEqual(['valid', 'void']);
    expect(d.refunds).toEqual([
      expect.objectContaining({ kind: 'refund', units: 1, terminalId: till.id, terminalName: 'Till 1' }),
    ]);
    const online = await till.api.get<JournalOrderDetail>(`/v1/journal/orders/${onlineOrderId}`);
    expect(online.body.order.source).toBe('online');
    expect(online.body.redemptions.map((r) => r.code)).toEqual(['WEB']);
    expect(online.body.tickets).toEqual([]);
  });

  it('answers an unknown order and a damaged ticket QR with a sentence', async () => {
    const missing = await till.api.get<{ message: string }>(`/v1/journal/orders/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toMatch(/No order with this id/);
    const damaged = await till.api.get<{ message: string }>(`/v1/journal?q=${'A'.repeat(164)}`);
    expect(damaged.status).toBe(400);
    expect(damaged.body.message).toMatch(/neither a receipt nor a ticket/);
    expect(await search(till, { q: '999' })).toEqual([]);
  });
});
