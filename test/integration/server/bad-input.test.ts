import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrganisation, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';

describe.each(backends)('bad input (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url);
  });
  afterAll(async () => {
    await server.close();
  });

  const countCodes = async () =>
    (await org.api.get<{ total: number }>('/v1/codes?includeDeleted=true')).body.total;

  it('refuses a caller without a valid token before reading the body', async () => {
    const post = (path: string, body: string, authorization?: string) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body,
      });
    // Over the 1 MiB limit, not JSON, not the schema: without a token each is a 401, never a 413 or 400.
    const huge = `{"batch": "${'x'.repeat(8 * 1024 * 1024)}"}`;
    for (const [path, body] of [
      ['/v1/sync/push', huge],
      ['/v1/sync/push', '{"terminalId":'],
      ['/v1/codes', '{"colour": "red"}'],
      ['/v1/leases/acquire', huge],
    ] as const) {
      const anonymous = await post(path, body);
      expect(anonymous.status, path).toBe(401);
      expect(await anonymous.json()).toMatchObject({ ok: false, reason: 'UNAUTHENTICATED' });
      const forged = await post(path, body, `Bearer ${'f'.repeat(43)}`);
      expect(forged.status, path).toBe(401);
    }
    // With a valid token the body is read and judged as before.
    const signedIn = await org.api.raw('POST', '/v1/codes', '{"code": "X",');
    expect(signedIn.status).toBe(400);
  });

  it('answers malformed JSON with 400 INVALID_JSON', async () => {
    const reply = await org.api.raw('POST', '/v1/codes', '{"code": "X",');
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ ok: false, reason: 'INVALID_JSON' });
  });

  it('refuses unknown fields, also nested ones, naming them', async () => {
    const top = await org.api.post('/v1/codes', {
      code: 'X1',
      name: 'x',
      benefit: { type: 'percentage', percent: 1 },
      colour: 'red',
    });
    expect(top.status).toBe(400);
    expect(top.body).toMatchObject({ reason: 'VALIDATION_FAILED' });
    expect((top.body as unknown as { message: string }).message).toContain('colour');
    const nested = await org.api.post('/v1/codes', {
      code: 'X2',
      name: 'x',
      benefit: { type: 'percentage', percent: 1 },
      rules: { maxUsers: 3 },
    });
    expect(nested.status).toBe(400);
    expect(await countCodes()).toBe(0);
  });

  it('refuses floats and negative money', async () => {
    for (const benefit of [
      { type: 'fixed_order', amount: 1.5 },
      { type: 'fixed_order', amount: -1 },
      { type: 'percentage', percent: 10001 },
    ]) {
      const reply = await org.api.post('/v1/codes', { code: 'MONEY', name: 'm', benefit });
      expect(reply.status).toBe(400);
    }
    expect(await countCodes()).toBe(0);
  });

  it('refuses a body above 1 MiB with 413', async () => {
    const reply = await org.api.raw(
      'POST',
      '/v1/codes',
      JSON.stringify({ code: 'BIG', name: 'x'.repeat(1_100_000) }),
    );
    expect(reply.status).toBe(413);
    expect(reply.body).toMatchObject({ ok: false, reason: 'BODY_TOO_LARGE' });
  });

  it('refuses bad query parameters and ids', async () => {
    expect((await org.api.get('/v1/codes?limit=0')).status).toBe(400);
    expect((await org.api.get('/v1/codes?sort=evil')).status).toBe(400);
    const badId = await org.api.get('/v1/codes/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(badId.body).toMatchObject({ ok: false, reason: 'VALIDATION_FAILED' });
    // A broken %-escape or a lone surrogate's bytes never reach a route; found by the schema fuzz
    // (seed 4242), which also asserts that every refusal has this shape.
    for (const path of ['/v1/codes/%ED%A0%80', '/v1/codes/%E0%A4%A', '/v1/codes/%']) {
      const broken = await org.api.get(path);
      expect(broken.status, path).toBe(400);
      expect(broken.body, path).toMatchObject({ ok: false, reason: 'BAD_URL' });
    }
  });

  it('answers an unknown route with a 404 body in the same shape', async () => {
    const reply = await org.api.get('/v1/nothing-here');
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ ok: false, reason: 'ROUTE_NOT_FOUND' });
  });

  it('saves nothing when staff creation fails half-way on a duplicate email', async () => {
    const before = (await org.api.get<{ total: number }>('/v1/staff')).body.total;
    const reply = await org.api.post('/v1/staff', {
      name: 'Twin',
      email: org.email.toUpperCase(),
      password: 'long enough password',
      roleId: 'seller',
    });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ reason: 'DUPLICATE_EMAIL' });
    expect((await org.api.get<{ total: number }>('/v1/staff')).body.total).toBe(before);
  });

  it('serves an OpenAPI document naming the admin routes', async () => {
    const reply = await org.api.get<{ openapi: string; paths: Record<string, unknown> }>('/openapi.json');
    expect(reply.status).toBe(200);
    expect(reply.body.openapi).toMatch(/^3\./);
    for (const path of [
      '/v1/codes',
      '/v1/codes/{id}/children',
      '/v1/auth/login',
      '/v1/reports/codes',
      '/v1/events',
    ]) {
      expect(reply.body.paths, path).toHaveProperty([path]);
    }
  });
});
