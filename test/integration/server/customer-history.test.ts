import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerCode, CustomerCounts } from '../../../shared/customers/history';
import type { Customer } from '../../../shared/customers/schema';
import type { OrderPage } from '../../../shared/reports/orders';
import type { TerminalSalePayload } from '../../../shared/sync/payloads';
import { seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { refundPayload, salePayload, type SaleSpec } from '../../helpers/sync-payloads';
import { newPerformance, openTill, pushTill, seedHall, type Till } from '../../helpers/sync-server';

// A customer's history and the server's counts for the discount engine (docs/CUSTOMERS.md "History and
// counts"), from real sales pushed through /v1/sync/push, a void, and online code uses.

const at = (day: number) => `2026-03-0${day}T10:00:00.000Z`;

describe.each(backends)('customer history and counts (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let till: Till;
  let ada: Customer;
  let bob: Customer;
  let eventA: string;
  let eventB: string;
  let perfA1: string;
  let perfA2: string;
  let perfB1: string;
  let limited: string;
  let plain: string;
  let groupCode: string;
  const sales: Record<string, TerminalSalePayload> = {};

  const counts = async (customerId: string, codeIds: string[]) => {
    const reply = await till.api.get<CustomerCounts>(
      `/v1/customers/${customerId}/counts?codeIds=${codeIds.join(',')}`,
    );
    expect(reply.status, reply.text).toBe(200);
    return reply.body;
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url, 'Theatre');
    const sellerId = (await signInAs(org.api, server.url, 'seller')).staffId;
    const hall = await seedHall(org);
    eventA = hall.eventId;
    eventB = (await org.api.post<{ id: string }>('/v1/events', { venueId: hall.venueId, name: 'Other' })).body
      .id;
    perfA1 = await newPerformance(org, eventA, 100);
    perfA2 = await newPerformance(org, eventA, 100);
    perfB1 = await newPerformance(org, eventB, 100);
    const code = async (text: string, rules: Record<string, unknown>) =>
      (
        await org.api.post<{ id: string }>('/v1/codes', {
          code: text,
          name: text,
          benefit: { type: 'fixed_per_item', amount: 200 },
          rules,
        })
      ).body.id;
    limited = await code('FRIEND', { maxUsesPerCustomer: 3, maxUsesPerCustomerPerEvent: 2 });
    plain = await code('PLAIN', {});
    groupCode = await code('MEMBERS', { customerGroups: ['Members'], maxUsesPerCustomer: 1 });
    await code('STAFFONLY', { customerGroups: ['Staff'] });
    ada = (
      await org.api.post<Customer>('/v1/customers', {
        name: 'Ada',
        email: 'ada@example.org',
        groups: ['Members'],
      })
    ).body;
    bob = (await org.api.post<Customer>('/v1/customers', { name: 'Bob' })).body;

    till = await openTill(org, server.url, hall.venueId, sellerId);
    const ticket = (eventId: string, performanceId: string, unitDiscount = 200) => ({
      eventId,
      performanceId,
      qty: 1,
      unitPrice: 2000,
      unitDiscount,
    });
    const sale = (day: number, spec: Partial<SaleSpec> & Pick<SaleSpec, 'lines'>) =>
      salePayload({
        terminalId: till.id,
        shiftId: till.shiftId,
        cashierId: sellerId,
        receiptNo: day,
        createdAt: at(day),
        ...spec,
      });
    const adaAtTill = { id: ada.id, name: 'Ada' };
    // Ada: FRIEND twice at event A (two performances), once at event B, and once in a sale then voided;
    // one sale without a code. Bob: FRIEND once.
    sales.a1 = sale(1, {
      lines: [ticket(eventA, perfA1)],
      code: { id: limited, customerId: ada.id },
      customer: adaAtTill,
    });
    sales.a2 = sale(2, {
      lines: [ticket(eventA, perfA2), ticket(eventA, perfA2)],
      code: { id: limited, customerId: ada.id },
      customer: adaAtTill,
    });
    sales.a3 = sale(3, {
      lines: [ticket(eventB, perfB1)],
      code: { id: limited, customerId: ada.id },
      customer: adaAtTill,
    });
    sales.voided = sale(4, {
      lines: [ticket(eventB, perfB1)],
      code: { id: limited, customerId: ada.id },
      customer: adaAtTill,
    });
    sales.noCode = sale(5, { lines: [ticket(eventA, perfA1, 0)], customer: adaAtTill });
    sales.bob = sale(6, {
      lines: [ticket(eventA, perfA1)],
      code: { id: limited, customerId: bob.id },
      customer: { id: bob.id, name: 'Bob' },
    });
    for (const payload of Object.values(sales)) till.box.append('sale', payload);
    till.box.append('void', refundPayload(sales.voided, { kind: 'void', staffId: sellerId }));
    const pushed = await pushTill(till);
    expect(pushed.status, pushed.text).toBe(200);
    expect(
      pushed.body.results.every((r) => r.status === 'applied'),
      pushed.text,
    ).toBe(true);
    // An online order of Ada's with PLAIN (its item uses default to its tickets).
    const online = await org.api.post('/v1/redemptions', {
      id: randomUUID(),
      orderId: randomUUID(),
      code: 'PLAIN',
      customerId: ada.id,
      tickets: 1,
      discount: 200,
      revenue: 1800,
      currency: 'EUR',
      channel: 'online',
      redeemedAt: at(7),
    });
    expect(online.status, online.text).toBe(201);
  });
  afterAll(async () => {
    await server.close();
  });

  it("counts the customer's completed orders and code uses overall, per event and per performance", async () => {
    const adaCounts = await counts(ada.id, [limited, plain, groupCode]);
    expect(adaCounts).toEqual({
      customerId: ada.id,
      // a1, a2, a3, noCode and the online order; the voided sale is not an order any more.
      completedOrders: 5,
      groups: ['Members'],
      usage: {
        [limited]: {
          customerUses: 3,
          customerItemUses: 4,
          customerUsesByEvent: { [eventA]: 2, [eventB]: 1 },
          customerUsesBySchedule: { [perfA1]: 1, [perfA2]: 1, [perfB1]: 1 },
        },
        [plain]: {
          customerUses: 1,
          customerItemUses: 1,
          customerUsesByEvent: {},
          customerUsesBySchedule: {},
        },
        [groupCode]: {
          customerUses: 0,
          customerItemUses: 0,
          customerUsesByEvent: {},
          customerUsesBySchedule: {},
        },
      },
    });
    const bobCounts = await counts(bob.id, [limited]);
    expect(bobCounts.completedOrders).toBe(1);
    expect(bobCounts.usage[limited]).toMatchObject({ customerUses: 1, customerUsesByEvent: { [eventA]: 1 } });
    // A new customer: nothing yet, so "new customers only" admits them.
    const cy = (await org.api.post<Customer>('/v1/customers', { name: 'Cy' })).body;
    expect((await counts(cy.id, [])).completedOrders).toBe(0);
  });

  it('refuses counts for an unknown customer or a malformed code list with a sentence', async () => {
    const unknown = await till.api.get<{ message: string }>(`/v1/customers/${randomUUID()}/counts`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/no such customer/);
    const bad = await till.api.get<{ message: string }>(`/v1/customers/${ada.id}/counts?codeIds=SPRING`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/a code id/);
  });

  it("lists the customer's orders newest first, the voided one marked", async () => {
    const reply = await org.api.get<OrderPage>(`/v1/customers/${ada.id}/orders?limit=3`);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.rows.map((r) => [r.source, r.at, r.status])).toEqual([
      ['online', at(7), 'completed'],
      ['pos', at(5), 'completed'],
      ['pos', at(4), 'voided'],
    ]);
    const next = await org.api.get<OrderPage>(
      `/v1/customers/${ada.id}/orders?limit=3&cursor=${reply.body.nextCursor}`,
    );
    expect(next.body.rows.map((r) => r.receiptNo)).toEqual([3, 2, 1]);
    expect(next.body.nextCursor).toBeNull();
    // The till may read it too; Bob's history holds only his own sale.
    const bobs = await till.api.get<OrderPage>(`/v1/customers/${bob.id}/orders`);
    expect(bobs.body.rows.map((r) => r.receiptNo)).toEqual([6]);
  });

  it("lists the customer's codes with the uses they have left", async () => {
    const reply = await till.api.get<CustomerCode[]>(`/v1/customers/${ada.id}/codes`);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.map((c) => [c.code, c.reason, c.uses, c.maxUsesPerCustomer, c.remainingUses])).toEqual([
      ['FRIEND', 'used', 3, 3, 0],
      ['PLAIN', 'used', 1, null, null],
      ['MEMBERS', 'group', 0, 1, 1],
    ]);
    const bobs = await org.api.get<CustomerCode[]>(`/v1/customers/${bob.id}/codes`);
    expect(bobs.body.map((c) => [c.code, c.remainingUses])).toEqual([['FRIEND', 2]]);
  });
});
