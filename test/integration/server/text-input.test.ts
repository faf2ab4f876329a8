import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, seedOrganisation, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';

// PostgreSQL refuses U+0000 in text and JSONB; a lone surrogate has no UTF-8 form. Either used to reach
// a query and answer 500. Every string field and query parameter now refuses them up front with 400.

const BAD = { nul: 'a\u0000b', surrogate: 'a\ud800b' } as const;
// A query string is UTF-8 bytes, which cannot hold a lone surrogate: only NUL (%00) gets that far.
const q = (value: string) => encodeURIComponent(value.replace('\ud800', ''));
const uuid = '00000000-0000-7000-8000-0000000000aa';

/** Each case puts the bad string into one field or parameter; the rest of the request is valid or not. */
function cases(
  bad: string,
): Array<{ name: string; method: string; path: string; body?: unknown; auth: boolean }> {
  const benefit = { type: 'percentage', percent: 1000 };
  return [
    {
      name: 'login email',
      method: 'POST',
      path: '/v1/auth/login',
      body: { email: bad, password: 'x' },
      auth: false,
    },
    {
      name: 'login password',
      method: 'POST',
      path: '/v1/auth/login',
      body: { email: 'a@b.c', password: bad },
      auth: false,
    },
    {
      name: 'setup name',
      method: 'POST',
      path: '/v1/setup',
      body: { organisationName: bad, managerName: 'M', email: 'a@b.c', password: 'long enough pw' },
      auth: false,
    },
    {
      name: 'terminal register code',
      method: 'POST',
      path: '/v1/terminals/register',
      body: { enrolmentCode: bad, name: 'Till' },
      auth: false,
    },
    {
      name: 'code text',
      method: 'POST',
      path: '/v1/codes',
      body: { code: bad, name: 'n', benefit },
      auth: true,
    },
    {
      name: 'code name',
      method: 'POST',
      path: '/v1/codes',
      body: { code: 'C1', name: bad, benefit },
      auth: true,
    },
    {
      name: 'code description',
      method: 'POST',
      path: '/v1/codes',
      body: { code: 'C2', name: 'n', description: bad, benefit },
      auth: true,
    },
    { name: 'code list q', method: 'GET', path: `/v1/codes?q=${q(bad)}`, auth: true },
    { name: 'code list category', method: 'GET', path: `/v1/codes?category=${q(bad)}`, auth: true },
    { name: 'code edit name', method: 'PATCH', path: `/v1/codes/${uuid}`, body: { name: bad }, auth: true },
    { name: 'report code', method: 'GET', path: `/v1/reports/codes?code=${q(bad)}`, auth: true },
    { name: 'report buyer', method: 'GET', path: `/v1/reports/codes?buyer=${q(bad)}`, auth: true },
    { name: 'report csv code', method: 'GET', path: `/v1/reports/codes.csv?code=${q(bad)}`, auth: true },
    { name: 'overuse reason', method: 'GET', path: `/v1/reports/overuse?reason=${q(bad)}`, auth: true },
    {
      name: 'venue name',
      method: 'POST',
      path: '/v1/venues',
      body: { name: bad, currency: 'EUR', timezone: 'UTC' },
      auth: true,
    },
    {
      name: 'venue timezone',
      method: 'POST',
      path: '/v1/venues',
      body: { name: 'Hall', currency: 'EUR', timezone: bad },
      auth: true,
    },
    { name: 'product list category', method: 'GET', path: `/v1/products?category=${q(bad)}`, auth: true },
    { name: 'event list status', method: 'GET', path: `/v1/events?status=${q(bad)}`, auth: true },
    { name: 'venue edit name', method: 'PATCH', path: `/v1/venues/${uuid}`, body: { name: bad }, auth: true },
    {
      name: 'staff name',
      method: 'POST',
      path: '/v1/staff',
      body: { name: bad, roleId: 'seller' },
      auth: true,
    },
    {
      name: 'staff role id',
      method: 'POST',
      path: '/v1/staff',
      body: { name: 'S', roleId: bad },
      auth: true,
    },
    {
      name: 'role name',
      method: 'POST',
      path: '/v1/roles',
      body: { id: 'r1', name: bad, permissions: [], customDiscountCeiling: { percent: 0, amount: 0 } },
      auth: true,
    },
    {
      name: 'redemption customer',
      method: 'POST',
      path: '/v1/redemptions',
      body: { code: 'X', customerId: bad },
      auth: true,
    },
    {
      name: 'review note',
      method: 'POST',
      path: `/v1/review-items/${uuid}/flag`,
      body: { note: bad },
      auth: true,
    },
    {
      name: 'generation prefix',
      method: 'POST',
      path: `/v1/codes/${uuid}/children`,
      body: { count: 1, prefix: bad },
      auth: true,
    },
  ];
}

describe.each(backends)('text the database cannot store (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url);
  });
  afterAll(async () => {
    await server.close();
  });

  for (const [kind, bad] of Object.entries(BAD)) {
    const applicable = cases(bad).filter((c) => kind === 'nul' || c.method !== 'GET');
    it.each(applicable)(`refuses a ${kind} in $name with 400, naming the problem`, async (c) => {
      const client = c.auth ? org.api : apiClient(server.url);
      const body = c.body === undefined ? undefined : JSON.stringify(c.body);
      const reply =
        c.method === 'GET'
          ? await client.get<{ reason: string; message: string }>(c.path)
          : await client.raw<{ reason: string; message: string }>(c.method, c.path, body ?? '{}');
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ ok: false, reason: 'VALIDATION_FAILED' });
      expect(reply.body.message).toMatch(/NUL character or broken Unicode/);
    });
  }

  it('still serves the same fields with ordinary text, accents and emoji included', async () => {
    const reply = await org.api.get<{ total: number }>(`/v1/codes?q=${q('Café 🎭')}`);
    expect(reply.status).toBe(200);
    const login = await apiClient(server.url).post('/v1/auth/login', {
      email: org.email,
      password: org.password,
    });
    expect(login.status).toBe(200);
  });
});
