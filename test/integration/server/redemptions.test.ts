import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { createVenue, enrol } from '../../helpers/sync-server';

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

  describe('overuse proof (docs/SECURITY.md)', () => {
    const usesOf = async (code: string) =>
      (await org.api.get<{ items: { usage: { uses: number } }[] }>(`/v1/codes?q=${code}`)).body.items[0]
        ?.usage.uses;
    /** A code with maxUses 1 whose one use is taken. */
    const spentCode = async (code: string) => {
      await org.api.post('/v1/codes', {
        code,
        name: code,
        benefit: { type: 'percentage', percent: 1000 },
        rules: { maxUses: 1 },
      });
      expect((await org.api.post('/v1/redemptions', body(code))).status).toBe(201);
    };

    it('refuses the forged overuse of the finding: a seller naming a supervisor’s id', async () => {
      await spentCode('FORGED');
      const supervisor = await signInAs(org.api, server.url, 'supervisor');
      const seller = await signInAs(org.api, server.url, 'seller');
      const forged = await seller.api.post(
        '/v1/redemptions',
        body('FORGED', { overuse: { reason: 'VIP guest', grantedBy: supervisor.staffId } }),
      );
      expect(forged.status).toBe(403);
      expect(forged.body).toMatchObject({ reason: 'FORBIDDEN' });
      expect(forged.body.message).toMatch(/grantedBy alone is no proof.*approverToken/);
      expect(await usesOf('FORGED')).toBe(1);
    });

    it('refuses a terminal’s device token that names a supervisor, and a device token as approverToken', async () => {
      await spentCode('BYTILL');
      const supervisor = await signInAs(org.api, server.url, 'supervisor');
      const till = await enrol(org, server.url, await createVenue(org));
      const tillApi = apiClient(server.url, till.deviceToken);
      const named = await tillApi.post(
        '/v1/redemptions',
        body('BYTILL', { overuse: { reason: 'VIP guest', grantedBy: supervisor.staffId } }),
      );
      expect(named.status).toBe(403);
      expect(named.body.message).toMatch(/device token cannot grant an overuse/);
      const asApprover = await org.api.post(
        '/v1/redemptions',
        body('BYTILL', { overuse: { reason: 'VIP guest', approverToken: till.deviceToken } }),
      );
      expect(asApprover.status).toBe(403);
      expect(await usesOf('BYTILL')).toBe(1);
    });

    it('records a supervisor’s own overuse with them as grantor, and refuses one naming someone else', async () => {
      await spentCode('SOLO');
      const supervisor = await signInAs(org.api, server.url, 'supervisor');
      const other = await signInAs(org.api, server.url, 'supervisor');
      const naming = await supervisor.api.post(
        '/v1/redemptions',
        body('SOLO', { overuse: { reason: 'VIP guest', grantedBy: other.staffId } }),
      );
      expect(naming.status).toBe(403);
      expect(naming.body.message).toMatch(/grantedBy names someone other/);
      const granted = await supervisor.api.post<Redeemed>(
        '/v1/redemptions',
        body('SOLO', { overuse: { reason: 'VIP guest' } }),
      );
      expect(granted.status).toBe(201);
      expect(granted.body.redemption).toMatchObject({ overuse: true, overuseLimits: ['MAX_USES'] });
      expect(granted.body.usage.uses).toBe(2);
      const [row] = await server.database.db.query<{ grantedBy: string }>(
        'SELECT overuse_granted_by AS "grantedBy" FROM redemptions WHERE id = $1',
        [granted.body.redemption.id],
      );
      expect(row?.grantedBy).toBe(supervisor.staffId);
    });

    it('records a seller’s overuse proven by the supervisor’s approverToken, granted by that supervisor', async () => {
      await spentCode('PROVEN');
      const supervisor = await signInAs(org.api, server.url, 'supervisor');
      const seller = await signInAs(org.api, server.url, 'seller');
      const granted = await seller.api.post<Redeemed>(
        '/v1/redemptions',
        body('PROVEN', {
          overuse: { reason: 'VIP guest', approverToken: supervisor.token, grantedBy: supervisor.staffId },
        }),
      );
      expect(granted.status).toBe(201);
      expect(granted.body.redemption).toMatchObject({ overuse: true, overuseLimits: ['MAX_USES'] });
      const [row] = await server.database.db.query<{ grantedBy: string; cashierId: string }>(
        'SELECT overuse_granted_by AS "grantedBy", cashier_id AS "cashierId" FROM redemptions WHERE id = $1',
        [granted.body.redemption.id],
      );
      expect(row).toEqual({ grantedBy: supervisor.staffId, cashierId: seller.staffId });
      expect(await usesOf('PROVEN')).toBe(2);
    });

    it('refuses an approverToken of a seller, of another organisation, signed out or expired', async () => {
      await spentCode('NOPROOF');
      const seller = await signInAs(org.api, server.url, 'seller');
      const sellerTwo = await signInAs(org.api, server.url, 'seller');
      const other = await seedOrganisation(server.database.db, server.url, 'Other');
      const otherSupervisor = await signInAs(other.api, server.url, 'supervisor');
      const signedOut = await signInAs(org.api, server.url, 'supervisor');
      expect((await signedOut.api.post('/v1/auth/logout')).status).toBeLessThan(300);
      const expired = await signInAs(org.api, server.url, 'supervisor');
      await server.database.db.query(
        "UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE staff_id = $1",
        [expired.staffId],
      );
      for (const [token, message] of [
        [sellerTwo.token, /may not grant overuse/],
        [otherSupervisor.token, /no live session of a staff member of your organisation/],
        [signedOut.token, /no live session/],
        [expired.token, /no live session/],
      ] as const) {
        const refused = await seller.api.post(
          '/v1/redemptions',
          body('NOPROOF', { overuse: { reason: 'VIP guest', approverToken: token } }),
        );
        expect(refused.status).toBe(403);
        expect(refused.body.message).toMatch(message);
        expect(refused.text).not.toContain(token);
      }
      expect(await usesOf('NOPROOF')).toBe(1);
    });
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
