import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrganisation, signInAs, waitFor, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';

interface Row {
  code: string;
  type: string;
  value: string;
  limit: number | null;
  orders: number;
  tickets: number;
  totalDiscount: number;
  revenue: number;
  firstUse: string | null;
  lastUse: string | null;
  remaining: number | null;
  status: string;
  children: number;
}

describe.each(backends)('reports (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let supervisorId: string;
  let supervisorToken: string;
  let sellerId: string;
  let childCodes: string[];

  const redeem = (code: string, at: string, extra: Record<string, unknown> = {}) =>
    org.api.post('/v1/redemptions', {
      id: randomUUID(),
      orderId: randomUUID(),
      code,
      tickets: 2,
      discount: 300,
      revenue: 2700,
      currency: 'EUR',
      redeemedAt: at,
      ...extra,
    });

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url);
    ({ staffId: supervisorId, token: supervisorToken } = await signInAs(org.api, server.url, 'supervisor'));
    sellerId = (await signInAs(org.api, server.url, 'seller')).staffId;
    await org.api.post('/v1/codes', {
      code: '@CMD',
      name: 'formula',
      benefit: { type: 'fixed_order', amount: 300 },
      rules: { maxUses: 3 },
    });
    const parent = await org.api.post<{ id: string }>('/v1/codes', {
      code: 'PARENT',
      name: 'p',
      isParent: true,
      benefit: { type: 'percentage', percent: 1000 },
      rules: { maxUses: 2 },
    });
    const job = await org.api.post<{ id: string }>(`/v1/codes/${parent.body.id}/children`, {
      count: 4,
      prefix: 'K',
    });
    await waitFor(async () => {
      const j = await org.api.get<{ status: string }>(`/v1/generation-jobs/${job.body.id}`);
      return j.body.status === 'done' ? true : undefined;
    });
    const children = await org.api.get<{ items: { code: string }[] }>(`/v1/codes?parentId=${parent.body.id}`);
    childCodes = children.body.items.map((c) => c.code);
    await redeem('@CMD', '2026-03-01T10:00:00Z', { cashierId: sellerId, buyer: 'Ada Lovelace' });
    await redeem('@CMD', '2026-03-05T10:00:00Z', { cashierId: supervisorId, buyer: 'Grace Hopper' });
    await redeem(childCodes[0] as string, '2026-03-02T10:00:00Z', { cashierId: sellerId });
    await redeem(childCodes[1] as string, '2026-03-03T10:00:00Z', { cashierId: sellerId });
    await redeem(childCodes[1] as string, '2026-03-04T10:00:00Z', { cashierId: sellerId });
    await redeem(childCodes[1] as string, '2026-03-06T10:00:00Z', {
      cashierId: sellerId,
      // The manager records it; the supervisor's own session proves the grant (docs/SECURITY.md).
      overuse: { reason: 'Press night guest', approverToken: supervisorToken },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('reports per code: orders, tickets, discount, revenue, first and last use, remaining, status', async () => {
    const report = await org.api.get<{ rows: Row[] }>('/v1/reports/codes?code=CMD');
    expect(report.body.rows).toEqual([
      expect.objectContaining({
        code: '@CMD',
        type: 'fixed_order',
        value: '300',
        limit: 3,
        orders: 2,
        tickets: 4,
        totalDiscount: 600,
        revenue: 5400,
        firstUse: '2026-03-01T10:00:00.000Z',
        lastUse: '2026-03-05T10:00:00.000Z',
        remaining: 1,
        status: 'active',
      }),
    ]);
  });

  it('rolls children up into their parent', async () => {
    const report = await org.api.get<{ rows: Row[] }>('/v1/reports/codes?groupBy=parent');
    const parent = report.body.rows.find((r) => r.code === 'PARENT');
    expect(parent).toMatchObject({
      children: 4,
      orders: 4,
      tickets: 8,
      totalDiscount: 1200,
      firstUse: '2026-03-02T10:00:00.000Z',
      lastUse: '2026-03-06T10:00:00.000Z',
      // of 2 uses each: 1 left, 0 left (overused), 2 and 2 left
      remaining: 5,
    });
  });

  it('filters by date range, buyer, cashier and reason', async () => {
    const march3to5 = await org.api.get<{ rows: Row[] }>(
      '/v1/reports/codes?from=2026-03-03T00:00:00Z&to=2026-03-05T23:59:59Z',
    );
    // Sorting follows the database's collation, which differs between installations: compare as sets.
    expect(march3to5.body.rows.map((r) => `${r.code}:${r.orders}`).sort()).toEqual(
      ['@CMD:1', `${childCodes[1]}:2`].sort(),
    );
    const byBuyer = await org.api.get<{ rows: Row[] }>('/v1/reports/codes?buyer=grace');
    expect(byBuyer.body.rows.map((r) => [r.code, r.orders])).toEqual([['@CMD', 1]]);
    const byCashier = await org.api.get<{ rows: Row[] }>(`/v1/reports/codes?cashierId=${supervisorId}`);
    expect(byCashier.body.rows.map((r) => r.code)).toEqual(['@CMD']);
    const byReason = await org.api.get<{ rows: Row[] }>('/v1/reports/codes?reason=press');
    expect(byReason.body.rows.map((r) => [r.code, r.orders])).toEqual([[childCodes[1], 1]]);
  });

  it('lists every overuse with who granted it and why', async () => {
    const report = await org.api.get<{ rows: Record<string, unknown>[] }>('/v1/reports/overuse');
    expect(report.body.rows).toEqual([
      expect.objectContaining({
        code: childCodes[1],
        reason: 'Press night guest',
        grantedBy: supervisorId,
        grantedByName: 'A supervisor',
        cashierId: sellerId,
        limits: ['MAX_USES'],
      }),
    ]);
  });

  it('exports CSV with the named columns, RFC 4180 quoting and formula cells neutralised', async () => {
    const reply = await org.api.get('/v1/reports/codes.csv?code=CMD');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('text/csv');
    const lines = reply.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'code,type,value,limit,redemptions,remaining,total discount,currency,first use,last use,status',
    );
    expect(lines[1]).toBe(
      "'@CMD,fixed_order,300,3,2,1,600,EUR,2026-03-01T10:00:00.000Z,2026-03-05T10:00:00.000Z,active",
    );
  });

  it('needs reports.view', async () => {
    const seller = await signInAs(org.api, server.url, 'seller');
    expect((await seller.api.get('/v1/reports/codes')).status).toBe(403);
  });
});
