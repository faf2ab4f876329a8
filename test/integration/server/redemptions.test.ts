import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';

interface Redeemed {
  duplicate: boolean;
  redemption: { id: string; overuse: boolean; overuseLimits: string[] | null; codeVersion: number };
  usage: { uses: number; itemUses: number; discountGiven: number };
}

describe.each(backends)('online redemptions (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  const body = (code: string, extra: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    orderId: randomUUID(),
    code,
    tickets: 2,
    discount: 500,
    revenue: 4500,
    currency: 'EUR',
    ...extra,
  });

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url);
  });
  afterAll(async () => {
    await server.close();
  });

  it('counts a resent redemption once', async () => {
    await org.api.post('/v1/codes', {
      code: 'ONCE',
      name: 'o',
      benefit: { type: 'percentage', percent: 1000 },
    });
    const request = body('ONCE');
    const first = await org.api.post<Redeemed>('/v1/redemptions', request);
    const again = await org.api.post<Redeemed>('/v1/redemptions', request);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    expect(again.body.usage).toEqual({ uses: 1, itemUses: 2, discountGiven: 500 });
  });

  it('keeps the same redemption id in two organisations apart, telling neither about the other', async () => {
    const other = await seedOrganisation(server.database.db, server.url, 'Other');
    for (const o of [org, other]) {
      await o.api.post('/v1/codes', {
        code: 'SHARED',
        name: 's',
        benefit: { type: 'percentage', percent: 1000 },
      });
    }
    const id = randomUUID();
    const mine = await org.api.post<Redeemed>('/v1/redemptions', body('SHARED', { id }));
    expect(mine.status).toBe(201);
    // The other organisation's first use of the id is its own first use: no 500, no duplicate.
    const theirs = await other.api.post<Redeemed>('/v1/redemptions', body('SHARED', { id, tickets: 5 }));
    expect(theirs.status).toBe(201);
    expect(theirs.body).toMatchObject({ duplicate: false, usage: { uses: 1, itemUses: 5 } });
    // Each resend finds its own row only.
    const again = await other.api.post<Redeemed>('/v1/redemptions', body('SHARED', { id, tickets: 5 }));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, usage: { uses: 1, itemUses: 5 } });
    const rows = await server.database.db.query<{ orgId: string; tickets: number }>(
      'SELECT org_id AS "orgId", tickets FROM redemptions WHERE id = $1 ORDER BY tickets',
      [id],
    );
    expect(rows).toEqual([
      { orgId: org.organisationId, tickets: 2 },
      { orgId: other.organisationId, tickets: 5 },
    ]);
  });

  it('refuses with the engine’s MAX_USES reason and sentence when the limit is met', async () => {
    await org.api.post('/v1/codes', {
      code: 'TWICE',
      name: 't',
      benefit: { type: 'percentage', percent: 1000 },
      rules: { maxUses: 2 },
    });
    expect((await org.api.post('/v1/redemptions', body('TWICE'))).status).toBe(201);
    expect((await org.api.post('/v1/redemptions', body('twice'))).status).toBe(201);
    const third = await org.api.post('/v1/redemptions', body('TWICE'));
    expect(third.status).toBe(409);
    expect(third.body).toEqual({
      ok: false,
      reason: 'MAX_USES',
      message: 'The maximum number of orders for this discount code has been met.',
    });
  });

  it('records an overuse granted by a supervisor with the limits it bypassed', async () => {
    await org.api.post('/v1/codes', {
      code: 'SOLO',
      name: 's',
      benefit: { type: 'percentage', percent: 1000 },
      rules: { maxUses: 1 },
    });
    await org.api.post('/v1/redemptions', body('SOLO'));
    const supervisor = await signInAs(org.api, server.url, 'supervisor');
    const seller = await signInAs(org.api, server.url, 'seller');
    const bySeller = await org.api.post(
      '/v1/redemptions',
      body('SOLO', { overuse: { reason: 'VIP guest', grantedBy: seller.staffId } }),
    );
    expect(bySeller.status).toBe(403);
    const granted = await org.api.post<Redeemed>(
      '/v1/redemptions',
      body('SOLO', { overuse: { reason: 'VIP guest', grantedBy: supervisor.staffId } }),
    );
    expect(granted.status).toBe(201);
    expect(granted.body.redemption).toMatchObject({ overuse: true, overuseLimits: ['MAX_USES'] });
    expect(granted.body.usage.uses).toBe(2);
  });

  it('refuses a second code on the same order', async () => {
    await org.api.post('/v1/codes', {
      code: 'ORDERA',
      name: 'a',
      benefit: { type: 'percentage', percent: 100 },
    });
    await org.api.post('/v1/codes', {
      code: 'ORDERB',
      name: 'b',
      benefit: { type: 'percentage', percent: 100 },
    });
    const orderId = randomUUID();
    expect((await org.api.post('/v1/redemptions', body('ORDERA', { orderId }))).status).toBe(201);
    const second = await org.api.post('/v1/redemptions', body('ORDERB', { orderId }));
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ reason: 'ORDER_ALREADY_REDEEMED' });
    const b = await org.api.get<{ items: { usage: { uses: number } }[] }>('/v1/codes?q=ORDERB');
    expect(b.body.items[0]?.usage.uses).toBe(0);
  });

  it('refuses a scheduled or ended code with the engine’s reasons', async () => {
    await org.api.post('/v1/codes', {
      code: 'LATER',
      name: 'l',
      benefit: { type: 'percentage', percent: 100 },
      rules: { validFrom: '2099-01-01T00:00:00Z' },
    });
    await org.api.post('/v1/codes', {
      code: 'PAST',
      name: 'p',
      benefit: { type: 'percentage', percent: 100 },
      rules: { validTo: '2000-01-01T00:00:00Z' },
    });
    expect((await org.api.post('/v1/redemptions', body('LATER'))).body).toMatchObject({
      reason: 'NOT_YET_ACTIVE',
    });
    expect((await org.api.post('/v1/redemptions', body('PAST'))).body).toMatchObject({ reason: 'EXPIRED' });
  });

  it('enforces per-customer limits and needs a customer for them', async () => {
    await org.api.post('/v1/codes', {
      code: 'PERCUST',
      name: 'c',
      benefit: { type: 'percentage', percent: 100 },
      rules: { maxUsesPerCustomer: 1 },
    });
    const anonymous = await org.api.post('/v1/redemptions', body('PERCUST'));
    expect(anonymous.body).toMatchObject({ reason: 'CUSTOMER_REQUIRED' });
    expect((await org.api.post('/v1/redemptions', body('PERCUST', { customerId: 'c-1' }))).status).toBe(201);
    const again = await org.api.post('/v1/redemptions', body('PERCUST', { customerId: 'c-1' }));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      reason: 'CUSTOMER_MAX_USES',
      message: 'The maximum number of orders for this discount code has been met for this customer.',
    });
    expect((await org.api.post('/v1/redemptions', body('PERCUST', { customerId: 'c-2' }))).status).toBe(201);
  });

  it('never exceeds maxUses under 60 concurrent redemptions', async () => {
    await org.api.post('/v1/codes', {
      code: 'RUSH',
      name: 'r',
      benefit: { type: 'percentage', percent: 100 },
      rules: { maxUses: 25 },
    });
    const replies = await Promise.all(
      Array.from({ length: 60 }, () => org.api.post('/v1/redemptions', body('RUSH'))),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(25);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(35);
    const code = await org.api.get<{ items: { usage: { uses: number } }[] }>('/v1/codes?q=RUSH');
    expect(code.body.items[0]?.usage.uses).toBe(25);
  });
});
