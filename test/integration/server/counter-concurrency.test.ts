import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcquireResponse } from '../../../shared/sync/protocol';
import { seedCatalogue, type Catalogue } from '../../helpers/sync-fixture';
import { apiClient, seedOrganisation, type Reply, type SeededOrganisation } from '../../helpers/server-api';
import { postgresBackends, startTestServer, type Backend, type TestServer } from '../../helpers/server-db';
import { assertInvariants } from '../../helpers/server-invariants';
import { enrol, setLeaseCap } from '../../helpers/sync-server';

// The counter concurrency suite: every limit the server counts, hit by parallel requests at its edge on
// PostgreSQL (real concurrency; PGlite serves one connection at a time). Each limit must hold exactly:
// never one use more, and, with enough demand, none less. Covered elsewhere and not repeated here:
//   maxUses online            redemptions.test.ts ('60 redemptions at once…'), multi-process.test.ts
//   code_uses lease pool      sync.test.ts ('60 lease requests from six terminals…')
//   admin login lockout       auth-and-scope.test.ts ('40 logins arrive at once')
//   terminal PIN lockout      test/integration/staff.test.ts ('200 sign-ins arrive at once')

const BURST = 40;

interface Redeemed {
  duplicate: boolean;
  usage: { uses: number; itemUses: number; discountGiven: number };
}

const suite =
  postgresBackends.length > 0 ? describe.each(postgresBackends) : describe.skip.each<Backend>(['postgres']);

suite('counters and one-time credentials under parallel requests (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let catalogue: Catalogue;
  let terminals: { terminalId: string; epoch: number; deviceToken: string }[];

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url, 'Races');
    catalogue = await seedCatalogue(org, 100, '2030-01-01T19:30:00.000Z');
    terminals = await Promise.all(Array.from({ length: 4 }, () => enrol(org, server.url, catalogue.venueId)));
    // The per-terminal cap has its own suite (lease-caps.test.ts): here the pool alone must hold.
    for (const t of terminals) await setLeaseCap(org, t.terminalId, 100);
  });
  afterAll(async () => {
    await server.close();
  });

  async function code(rules: Record<string, unknown>): Promise<{ id: string; code: string }> {
    const name = `R${randomUUID().slice(0, 8)}`.toUpperCase();
    const reply = await org.api.post<{ id: string }>('/v1/codes', {
      code: name,
      name,
      benefit: { type: 'percentage', percent: 1000 },
      rules,
    });
    expect(reply.status, reply.text).toBe(201);
    return { id: reply.body.id, code: name };
  }

  const redemption = (codeName: string, extra: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    orderId: randomUUID(),
    code: codeName,
    tickets: 1,
    discount: 100,
    revenue: 900,
    currency: 'EUR',
    ...extra,
  });

  const burst = (make: (i: number) => Promise<Reply<Redeemed>>) =>
    Promise.all(Array.from({ length: BURST }, (_, i) => make(i)));

  const statuses = (replies: Reply<unknown>[]) => replies.map((r) => r.status).sort();

  async function usage(codeId: string) {
    return (await org.api.get<{ usage: Redeemed['usage'] }>(`/v1/codes/${codeId}`)).body.usage;
  }

  it('holds maxItemUses exactly: 40 orders of 3 items against a limit of 10 items', async () => {
    const c = await code({ maxItemUses: 10 });
    const replies = await burst(() => org.api.post('/v1/redemptions', redemption(c.code, { tickets: 3 })));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(3);
    expect(replies.filter((r) => r.status === 409).map((r) => r.body)).toEqual(
      Array(BURST - 3).fill(expect.objectContaining({ reason: 'MAX_ITEM_USES' })),
    );
    expect(await usage(c.id)).toMatchObject({ uses: 3, itemUses: 9 });
  });

  it('holds a budget exactly: 40 discounts of 250 against a budget of 1 000', async () => {
    const c = await code({ budget: 1000 });
    const replies = await burst(() => org.api.post('/v1/redemptions', redemption(c.code, { discount: 250 })));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(4);
    expect(replies.filter((r) => r.status === 409).map((r) => r.body)).toEqual(
      Array(BURST - 4).fill(expect.objectContaining({ reason: 'BUDGET_EXHAUSTED' })),
    );
    expect(await usage(c.id)).toMatchObject({ uses: 4, discountGiven: 1000 });
  });

  it('holds maxUsesPerCustomer exactly for one customer while others still redeem', async () => {
    const c = await code({ maxUsesPerCustomer: 2 });
    // Half the burst is one customer; the other half are twenty different customers.
    const replies = await burst((i) =>
      org.api.post(
        '/v1/redemptions',
        redemption(c.code, { customerId: i % 2 === 0 ? 'customer-one' : `customer-${i}` }),
      ),
    );
    const one = replies.filter((_, i) => i % 2 === 0);
    expect(one.filter((r) => r.status === 201)).toHaveLength(2);
    expect(one.filter((r) => r.status === 409).map((r) => r.body)).toEqual(
      Array(BURST / 2 - 2).fill(expect.objectContaining({ reason: 'CUSTOMER_MAX_USES' })),
    );
    expect(statuses(replies.filter((_, i) => i % 2 === 1))).toEqual(Array(BURST / 2).fill(201));
    expect(await usage(c.id)).toMatchObject({ uses: 2 + BURST / 2 });
  });

  it('holds maxItemUsesPerCustomer exactly for one customer', async () => {
    const c = await code({ maxItemUsesPerCustomer: 5 });
    const replies = await burst(() =>
      org.api.post('/v1/redemptions', redemption(c.code, { tickets: 2, customerId: 'customer-items' })),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(2);
    expect(replies.filter((r) => r.status === 409).map((r) => r.body)).toEqual(
      Array(BURST - 2).fill(expect.objectContaining({ reason: 'CUSTOMER_MAX_ITEM_USES' })),
    );
    expect(await usage(c.id)).toMatchObject({ uses: 2, itemUses: 4 });
  });

  it('counts one redemption sent 40 times at once exactly once', async () => {
    const c = await code({});
    const request = redemption(c.code);
    const replies = await burst(() => org.api.post('/v1/redemptions', request));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(statuses(replies.filter((r) => r.status !== 201))).toEqual(Array(BURST - 1).fill(200));
    expect(replies.every((r) => r.status === 201 || r.body.duplicate)).toBe(true);
    expect(await usage(c.id)).toMatchObject({ uses: 1 });
  });

  it('lets one order use a code once when 40 different redemptions of that order arrive at once', async () => {
    const c = await code({});
    const orderId = randomUUID();
    const replies = await burst(() => org.api.post('/v1/redemptions', redemption(c.code, { orderId })));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409).map((r) => r.body)).toEqual(
      Array(BURST - 1).fill(expect.objectContaining({ reason: 'ORDER_ALREADY_REDEEMED' })),
    );
    expect(await usage(c.id)).toMatchObject({ uses: 1 });
  });

  it('enrols exactly one terminal when one enrolment code is used 40 times at once', async () => {
    const enrolment = await org.api.post<{ enrolmentCode: string }>(
      `/v1/venues/${catalogue.venueId}/enrolment-codes`,
    );
    const anonymous = apiClient(server.url);
    const replies = await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        anonymous.post('/v1/terminals/register', {
          enrolmentCode: enrolment.body.enrolmentCode,
          name: `Till ${i}`,
        }),
      ),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 400).map((r) => r.body)).toEqual(
      Array(BURST - 1).fill(expect.objectContaining({ reason: 'INVALID_ENROLMENT_CODE' })),
    );
  });

  /** 40 lease requests of `want` units each, spread over four terminals, all at once. */
  async function leaseBurst(counter: string, want: number) {
    return Promise.all(
      Array.from({ length: BURST }, (_, i) => {
        const t = terminals[i % terminals.length] as (typeof terminals)[number];
        return apiClient(server.url, t.deviceToken).post<AcquireResponse>('/v1/leases/acquire', {
          terminalId: t.terminalId,
          epoch: t.epoch,
          requestId: randomUUID(),
          counter,
          want,
        });
      }),
    );
  }

  const granted = (answers: Reply<AcquireResponse>[]) =>
    answers.reduce((n, a) => n + (a.body.lease?.granted ?? 0), 0);

  it('leases a performance’s seats exactly up to its capacity', async () => {
    const performance = await org.api.post<{ id: string }>('/v1/performances', {
      eventId: catalogue.eventId,
      startsAt: '2030-02-01T19:30:00.000Z',
      capacity: 30,
    });
    const answers = await leaseBurst(`capacity:${performance.body.id}`, 4);
    expect(answers.map((a) => a.status)).toEqual(Array(BURST).fill(200));
    expect(granted(answers)).toBe(30);
  });

  it('leases a code’s item uses and its budget exactly up to their limits', async () => {
    const c = await code({ maxItemUses: 25, budget: 7000 });
    const items = await leaseBurst(`code_item_uses:${c.id}`, 3);
    expect(items.map((a) => a.status)).toEqual(Array(BURST).fill(200));
    expect(granted(items)).toBe(25);
    const budget = await leaseBurst(`code_budget:${c.id}`, 500);
    expect(budget.map((a) => a.status)).toEqual(Array(BURST).fill(200));
    expect(granted(budget)).toBe(7000);
  });

  it('grants one lease for one requestId sent 40 times at once', async () => {
    const c = await code({ maxUses: 100 });
    const t = terminals[0] as (typeof terminals)[number];
    const request = {
      terminalId: t.terminalId,
      epoch: t.epoch,
      requestId: randomUUID(),
      counter: `code_uses:${c.id}`,
      want: 10,
    };
    const device = apiClient(server.url, t.deviceToken);
    const answers = await Promise.all(
      Array.from({ length: BURST }, () => device.post<AcquireResponse>('/v1/leases/acquire', request)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(BURST).fill(200));
    expect(new Set(answers.map((a) => a.body.lease?.id)).size).toBe(1);
    expect(answers.map((a) => a.body.unallocated)).toEqual(Array(BURST).fill(90));
  });

  it('leaves every counter consistent with its ledger after the races', async () => {
    await assertInvariants(server.database.db);
  });
});
