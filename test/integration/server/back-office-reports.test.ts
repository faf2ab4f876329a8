import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDetail, OrderPage, OrderRow } from '../../../shared/reports/orders';
import type { SalesByPerformanceReport } from '../../../shared/reports/sales';
import type { ShiftPage } from '../../../shared/reports/shifts';
import type { TerminalSalePayload } from '../../../shared/sync/payloads';
import { seedOrganisation, signInAs, waitFor, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { refundPayload, salePayload, shiftClosePayload, type SaleSpec } from '../../helpers/sync-payloads';
import { newPerformance, openTill, pushTill, seedHall, type Till } from '../../helpers/sync-server';

// The back office's reports (docs/REPORTS.md): real sales pushed through /v1/sync/push and an online
// code use, read back through the orders, sales-by-performance and shifts reports and their CSV twins.

const at = (day: number) => `2026-03-0${day}T10:00:00.000Z`;

describe.each(backends)('back-office reports (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let other: SeededOrganisation;
  let sellerId: string;
  let till: Till;
  let otherTill: Till;
  let venueId: string;
  let perfA: string;
  let perfB: string;
  let adult: string;
  let child: string;
  let stalls: string;
  let parentId: string;
  let childCodes: { id: string; code: string }[];
  let spring: string;
  let onlineOrderId: string;
  let otherSaleId: string;
  const s: Record<'s1' | 's2' | 's3' | 's4', TerminalSalePayload> = {} as never;

  const ids = (page: { rows: OrderRow[] }) => page.rows.map((r) => r.orderId);
  const orders = async (query = '') => {
    const reply = await org.api.get<OrderPage>(`/v1/reports/orders${query}`);
    expect(reply.status, reply.text).toBe(200);
    return reply.body;
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    const db = server.database.db;
    org = await seedOrganisation(db, server.url, 'Theatre');
    other = await seedOrganisation(db, server.url, 'Elsewhere');
    sellerId = (await signInAs(org.api, server.url, 'seller')).staffId;
    const hall = await seedHall(org);
    venueId = hall.venueId;
    perfA = await newPerformance(org, hall.eventId, 100);
    perfB = await newPerformance(org, hall.eventId, 100);
    const make = async (path: string, name: string) =>
      (await org.api.post<{ id: string }>(path, { eventId: hall.eventId, name })).body.id;
    adult = await make('/v1/ticket-types', 'Adult');
    child = await make('/v1/ticket-types', 'Child');
    stalls = await make('/v1/price-bands', 'Stalls');

    spring = (
      await org.api.post<{ id: string }>('/v1/codes', {
        code: 'SPRING',
        name: 'Spring',
        benefit: { type: 'fixed_order', amount: 500 },
        rules: {},
      })
    ).body.id;
    parentId = (
      await org.api.post<{ id: string }>('/v1/codes', {
        code: 'SCHOOL',
        name: 'Schools',
        isParent: true,
        benefit: { type: 'percentage', percent: 1000 },
        rules: {},
      })
    ).body.id;
    const job = await org.api.post<{ id: string }>(`/v1/codes/${parentId}/children`, {
      count: 2,
      prefix: 'K',
    });
    await waitFor(async () => {
      const j = await org.api.get<{ status: string }>(`/v1/generation-jobs/${job.body.id}`);
      return j.body.status === 'done' ? true : undefined;
    });
    childCodes = (
      await org.api.get<{ items: { id: string; code: string }[] }>(`/v1/codes?parentId=${parentId}`)
    ).body.items;

    till = await openTill(org, server.url, venueId, sellerId);
    const ticket = (
      performanceId: string,
      ticketTypeId: string,
      qty: number,
      unitPrice: number,
      unitDiscount = 0,
    ) => ({
      eventId: hall.eventId,
      performanceId,
      ticketTypeId,
      priceBandId: stalls,
      qty,
      unitPrice,
      unitDiscount,
    });
    const sale = (spec: Partial<SaleSpec> & Pick<SaleSpec, 'lines'>) =>
      salePayload({ terminalId: till.id, shiftId: till.shiftId, cashierId: sellerId, ...spec });
    s.s1 = sale({
      receiptNo: 1,
      createdAt: at(1),
      lines: [ticket(perfA, adult, 2, 2000)],
      customer: { id: 'cust-ada', name: 'Ada Lovelace', email: 'ada@example.test' },
    });
    s.s2 = sale({
      receiptNo: 2,
      createdAt: at(2),
      cashierId: org.managerId,
      tender: 'card',
      lines: [ticket(perfA, child, 1, 1000, 200), ticket(perfB, adult, 1, 2000, 200)],
      code: { id: (childCodes[0] as { id: string }).id },
    });
    s.s3 = sale({
      receiptNo: 3,
      createdAt: at(3),
      cashierId: org.managerId,
      lines: [ticket(perfB, adult, 1, 2000, 500)],
      code: { id: spring },
      overuse: { approverId: org.managerId, reason: 'Press night guest', limits: ['MAX_USES'] },
      signer: till.signer,
    });
    s.s4 = sale({ receiptNo: 4, createdAt: at(4), lines: [ticket(perfA, adult, 1, 2000)] });
    for (const payload of Object.values(s)) till.box.append('sale', payload);
    const s1Line = (s.s1.lines[0] as { id: string }).id;
    till.box.append(
      'refund',
      refundPayload(s.s1, { kind: 'refund', staffId: sellerId, units: [{ lineId: s1Line, unitIndex: 0 }] }),
    );
    till.box.append('void', refundPayload(s.s4, { kind: 'void', staffId: sellerId }));
    till.box.append('shift.close', {
      ...shiftClosePayload(till.id, till.shiftId, sellerId, 13_500),
      expectedCash: 13_400,
    });
    const pushed = await pushTill(till);
    expect(pushed.status, pushed.text).toBe(200);
    expect(
      pushed.body.results.every((r) => r.status === 'applied'),
      pushed.text,
    ).toBe(true);

    onlineOrderId = randomUUID();
    const online = await org.api.post('/v1/redemptions', {
      id: randomUUID(),
      orderId: onlineOrderId,
      code: (childCodes[1] as { code: string }).code,
      tickets: 1,
      discount: 100,
      revenue: 900,
      currency: 'EUR',
      buyer: 'Grace Hopper',
      cashierId: sellerId,
      redeemedAt: at(5),
    });
    expect(online.status, online.text).toBe(201);

    // Another organisation, busy on the same days: none of it may show in the first one's reports.
    const elsewhere = await seedHall(other);
    const otherPerf = await newPerformance(other, elsewhere.eventId, 50);
    otherTill = await openTill(other, server.url, elsewhere.venueId, other.managerId);
    const otherSale = salePayload({
      terminalId: otherTill.id,
      shiftId: otherTill.shiftId,
      cashierId: other.managerId,
      createdAt: at(3),
      lines: [{ eventId: elsewhere.eventId, performanceId: otherPerf, qty: 1, unitPrice: 5000 }],
      customer: { id: 'cust-ada-2', name: 'Ada Lovelace' },
    });
    otherSaleId = otherSale.sale.id;
    otherTill.box.append('sale', otherSale);
    expect((await pushTill(otherTill)).status).toBe(200);
  });
  afterAll(async () => {
    await server.close();
  });

  it('lists every order newest first, each amount with its currency and refunds', async () => {
    const page = await orders();
    expect(ids(page)).toEqual([onlineOrderId, s.s4.sale.id, s.s3.sale.id, s.s2.sale.id, s.s1.sale.id]);
    expect(page.nextCursor).toBeNull();
    const byId = new Map(page.rows.map((r) => [r.orderId, r]));
    expect(byId.get(s.s1.sale.id)).toMatchObject({
      source: 'pos',
      receiptNo: 1,
      at: at(1),
      terminalId: till.id,
      terminalName: 'Till 1',
      cashierId: sellerId,
      cashierName: 'A seller',
      buyer: 'Ada Lovelace ada@example.test',
      code: null,
      gross: 4000,
      discount: 0,
      total: 4000,
      refunded: 2000,
      currency: 'EUR',
      status: 'partly_refunded',
    });
    expect(byId.get(s.s2.sale.id)).toMatchObject({
      code: (childCodes[0] as { code: string }).code,
      gross: 3000,
      discount: 400,
      total: 2600,
      status: 'completed',
    });
    expect(byId.get(s.s3.sale.id)).toMatchObject({ code: 'SPRING', overuse: true });
    expect(byId.get(s.s4.sale.id)).toMatchObject({ refunded: 2000, status: 'voided' });
    expect(byId.get(onlineOrderId)).toMatchObject({
      source: 'online',
      receiptNo: null,
      terminalId: null,
      cashierName: 'A seller',
      buyer: 'Grace Hopper',
      gross: 1000,
      discount: 100,
      total: 900,
      currency: 'EUR',
      status: 'completed',
    });
  });

  it('filters by code, parent, buyer, cashier, reason, terminal, performance and date', async () => {
    const [k0, k1] = childCodes as [{ id: string; code: string }, { id: string; code: string }];
    expect(ids(await orders(`?codeId=${k0.id}`))).toEqual([s.s2.sale.id]);
    expect(ids(await orders(`?parentId=${parentId}`))).toEqual([onlineOrderId, s.s2.sale.id]);
    expect(ids(await orders(`?parentId=${spring}`))).toEqual([s.s3.sale.id]);
    expect(ids(await orders('?code=spr'))).toEqual([s.s3.sale.id]);
    expect(ids(await orders(`?code=${k1.code.slice(0, 4)}&buyer=grace`))).toEqual([onlineOrderId]);
    expect(ids(await orders('?buyer=ADA'))).toEqual([s.s1.sale.id]);
    expect(ids(await orders('?buyer=grace'))).toEqual([onlineOrderId]);
    expect(ids(await orders(`?cashierId=${org.managerId}`))).toEqual([s.s3.sale.id, s.s2.sale.id]);
    expect(ids(await orders(`?cashierId=${sellerId}`))).toEqual([onlineOrderId, s.s4.sale.id, s.s1.sale.id]);
    expect(ids(await orders('?reason=press%20NIGHT'))).toEqual([s.s3.sale.id]);
    expect(ids(await orders(`?terminalId=${till.id}`))).toEqual([
      s.s4.sale.id,
      s.s3.sale.id,
      s.s2.sale.id,
      s.s1.sale.id,
    ]);
    expect(ids(await orders(`?performanceId=${perfB}`))).toEqual([s.s3.sale.id, s.s2.sale.id]);
    expect(ids(await orders(`?performanceId=${perfA}&cashierId=${sellerId}`))).toEqual([
      s.s4.sale.id,
      s.s1.sale.id,
    ]);
    const range = `?from=${encodeURIComponent(at(2))}&to=${encodeURIComponent(at(4))}`;
    expect(ids(await orders(range))).toEqual([s.s4.sale.id, s.s3.sale.id, s.s2.sale.id]);
    expect(ids(await orders(`${range}&parentId=${parentId}`))).toEqual([s.s2.sale.id]);
  });

  it('pages by cursor without a gap or a repeat, with and without a code filter', async () => {
    const walk = async (query: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: OrderPage = await orders(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.rows.length).toBeLessThanOrEqual(2);
        seen.push(...ids(page));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await walk('?limit=2')).toEqual(ids(await orders()));
    expect(await walk(`?limit=1&parentId=${parentId}`)).toEqual([onlineOrderId, s.s2.sale.id]);
    const bad = await org.api.get('/v1/reports/orders?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ok: false, reason: 'VALIDATION_FAILED' });
  });

  it("drills down to an order's lines, payments, code use, approvals and refunds", async () => {
    const one = await org.api.get<OrderDetail>(`/v1/reports/orders/${s.s1.sale.id}`);
    expect(one.status, one.text).toBe(200);
    expect(one.body.lines).toEqual([
      expect.objectContaining({ kind: 'ticket', qty: 2, total: 4000, refundedQty: 1, ticketTypeId: adult }),
    ]);
    expect(one.body.payments.map((p) => [p.tender, p.amount])).toEqual([
      ['cash', 4000],
      ['cash', -2000],
    ]);
    expect(one.body.refunds).toEqual([
      expect.objectContaining({ kind: 'refund', amount: 2000, units: 1, reason: 'customer changed plans' }),
    ]);
    expect(one.body.redemptions).toEqual([]);

    const three = await org.api.get<OrderDetail>(`/v1/reports/orders/${s.s3.sale.id}`);
    expect(three.body.redemptions).toEqual([
      expect.objectContaining({
        code: 'SPRING',
        overuse: true,
        overuseReason: 'Press night guest',
        discount: 500,
      }),
    ]);
    expect(three.body.approvals).toEqual([
      expect.objectContaining({
        kind: 'overuse',
        approverId: org.managerId,
        approverName: 'Theatre manager',
      }),
    ]);

    const online = await org.api.get<OrderDetail>(`/v1/reports/orders/${onlineOrderId}`);
    expect(online.body.order.source).toBe('online');
    expect(online.body.lines).toEqual([]);
    expect(online.body.redemptions).toEqual([
      expect.objectContaining({ channel: 'box_office', revenue: 900 }),
    ]);
  });

  it('sums tickets sold and refunded per performance, ticket type and price band', async () => {
    const reply = await org.api.get<SalesByPerformanceReport>('/v1/reports/sales-by-performance');
    expect(reply.status, reply.text).toBe(200);
    const key = (r: { performanceId: string; ticketTypeName: string | null }) =>
      `${r.performanceId === perfA ? 'A' : 'B'} ${r.ticketTypeName}`;
    const rows = Object.fromEntries(reply.body.rows.map((r) => [key(r), r]));
    expect(Object.keys(rows).sort()).toEqual(['A Adult', 'A Child', 'B Adult']);
    expect(rows['A Adult']).toMatchObject({
      priceBandName: 'Stalls',
      venueId,
      ticketsSold: 3,
      ticketsRefunded: 2,
      gross: 6000,
      discount: 0,
      refunded: 4000,
      net: 2000,
      currency: 'EUR',
    });
    expect(rows['A Child']).toMatchObject({ ticketsSold: 1, gross: 1000, discount: 200, net: 800 });
    expect(rows['B Adult']).toMatchObject({
      ticketsSold: 2,
      ticketsRefunded: 0,
      gross: 4000,
      discount: 700,
      net: 3300,
    });

    const onlyB = await org.api.get<SalesByPerformanceReport>(
      `/v1/reports/sales-by-performance?performanceId=${perfB}`,
    );
    expect(onlyB.body.rows.map(key)).toEqual(['B Adult']);
    const notHere = await org.api.get<SalesByPerformanceReport>(
      `/v1/reports/sales-by-performance?venueId=${randomUUID()}`,
    );
    expect(notHere.body.rows).toEqual([]);
    const early = await org.api.get<SalesByPerformanceReport>(
      `/v1/reports/sales-by-performance?to=${encodeURIComponent(at(1))}`,
    );
    expect(early.body.rows.map((r) => [key(r), r.ticketsSold])).toEqual([['A Adult', 2]]);
  });

  it("reports every terminal's shift with float, cash counted and totals per tender", async () => {
    const reply = await org.api.get<ShiftPage>('/v1/reports/shifts');
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.total).toBe(1);
    expect(reply.body.rows[0]).toMatchObject({
      shiftId: till.shiftId,
      terminalId: till.id,
      terminalName: 'Till 1',
      venueName: 'Hall',
      openedBy: sellerId,
      openedByName: 'A seller',
      closedBy: sellerId,
      openingFloat: 10_000,
      expectedCash: 13_400,
      countedCash: 13_500,
      difference: 100,
      sales: 4,
      salesTotal: 10_100,
      refundsTotal: 4000,
      tenders: { cash: 3500, card: 2600, complimentary: 0, exchange: 0 },
      cashMovements: { paid_in: 0, paid_out: 0, drop: 0, float_change: 0, no_sale: 0 },
      noSales: 0,
      comps: { count: 0, value: 0, byReason: [] },
      currency: 'EUR',
    });
    expect((await org.api.get<ShiftPage>(`/v1/reports/shifts?cashierId=${org.managerId}`)).body.total).toBe(
      0,
    );
    expect((await org.api.get<ShiftPage>(`/v1/reports/shifts?terminalId=${till.id}`)).body.total).toBe(1);
  });

  it('has a CSV twin for every report, with the currency on every row', async () => {
    const csv = async (path: string) => {
      const reply = await org.api.get(path);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.headers.get('content-type')).toContain('text/csv');
      return reply.text.trimEnd().split('\r\n');
    };
    const orderLines = await csv(`/v1/reports/orders.csv?cashierId=${sellerId}`);
    expect(orderLines[0]).toBe(
      'order id,source,receipt,at,terminal,cashier,buyer,code,overuse,gross,discount,total,refunded,currency,status',
    );
    expect(orderLines.slice(1)).toEqual([
      `${onlineOrderId},online,,${at(5)},,A seller,Grace Hopper,${(childCodes[1] as { code: string }).code},no,1000,100,900,0,EUR,completed`,
      `${s.s4.sale.id},pos,4,${at(4)},Till 1,A seller,,,no,2000,0,2000,2000,EUR,voided`,
      `${s.s1.sale.id},pos,1,${at(1)},Till 1,A seller,Ada Lovelace ada@example.test,,no,4000,0,4000,2000,EUR,partly_refunded`,
    ]);
    const salesLines = await csv(`/v1/reports/sales-by-performance.csv?performanceId=${perfB}`);
    expect(salesLines[0]).toBe(
      'event,performance,starts at,ticket type,price band,tickets sold,tickets refunded,gross,discount,refunded,net,currency',
    );
    expect(salesLines[1]).toMatch(new RegExp(`^Show,${perfB},[^,]+,Adult,Stalls,2,0,4000,700,0,3300,EUR$`));
    const shiftLines = await csv('/v1/reports/shifts.csv');
    expect(shiftLines[0]).toBe(
      'shift id,terminal,venue,opened by,opened at,closed by,closed at,opening float,expected cash,counted cash,' +
        'difference,sales,sales total,refunds total,cash,card,complimentary,exchange,paid in,paid out,drop,' +
        'float change,no sales,comps,comps value,cash rounding,currency',
    );
    expect(shiftLines[1]).toMatch(
      new RegExp(
        `^${till.shiftId},Till 1,Hall,A seller,[^,]+,A seller,[^,]+,10000,13400,13500,100,4,10100,4000,3500,2600,0,0,0,0,0,0,0,0,0,0,EUR$`,
      ),
    );
  });

  it('gives the code and overuse reports their currency, and filters overuses by parent', async () => {
    const codes = await org.api.get<{ rows: { code: string; totalDiscount: number; currency: string }[] }>(
      `/v1/reports/codes?groupBy=parent&usedOnly=true`,
    );
    expect(codes.body.rows.map((r) => [r.code, r.totalDiscount, r.currency])).toEqual([
      ['SCHOOL', 500, 'EUR'],
      ['SPRING', 500, 'EUR'],
    ]);
    const overuses = await org.api.get<{ rows: { code: string; discount: number; currency: string }[] }>(
      `/v1/reports/overuse?parentId=${spring}`,
    );
    expect(overuses.body.rows.map((r) => [r.code, r.discount, r.currency])).toEqual([['SPRING', 500, 'EUR']]);
    expect(
      (await org.api.get<{ rows: unknown[] }>(`/v1/reports/overuse?parentId=${parentId}`)).body.rows,
    ).toEqual([]);
  });

  it("never shows another organisation's orders, sales or shifts", async () => {
    const mine = await orders();
    expect(ids(mine)).not.toContain(otherSaleId);
    expect(ids(await orders('?buyer=ada'))).toEqual([s.s1.sale.id]);
    expect((await org.api.get(`/v1/reports/orders/${otherSaleId}`)).status).toBe(404);
    expect((await org.api.get(`/v1/reports/shifts?terminalId=${otherTill.id}`)).body).toMatchObject({
      total: 0,
    });
    const theirs = await other.api.get<OrderPage>('/v1/reports/orders');
    expect(ids(theirs.body)).toEqual([otherSaleId]);
    expect((await other.api.get(`/v1/reports/orders/${s.s1.sale.id}`)).status).toBe(404);
    const theirSales = await other.api.get<SalesByPerformanceReport>('/v1/reports/sales-by-performance');
    expect(theirSales.body.rows.map((r) => r.ticketsSold)).toEqual([1]);
    const theirShifts = await other.api.get<ShiftPage>('/v1/reports/shifts');
    expect(theirShifts.body.rows.map((r) => r.shiftId)).toEqual([otherTill.shiftId]);
    expect((await other.api.get(`/v1/reports/orders.csv`)).text).not.toContain(s.s1.sale.id);
  });

  it('needs reports.view on every report', async () => {
    const seller = await signInAs(org.api, server.url, 'seller');
    for (const path of [
      '/v1/reports/orders',
      '/v1/reports/orders.csv',
      `/v1/reports/orders/${s.s1.sale.id}`,
      '/v1/reports/sales-by-performance',
      '/v1/reports/sales-by-performance.csv',
      '/v1/reports/shifts',
      '/v1/reports/shifts.csv',
    ]) {
      expect((await seller.api.get(path)).status, path).toBe(403);
    }
  });
});
