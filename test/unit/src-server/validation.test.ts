import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../src-server/app';
import { BackgroundTasks } from '../../../src-server/context';
import { openDatabase, type Database } from '../../../src-server/db/database';
import type { App } from '../../../src-server/routes/common';

// Authentication comes first (a request without a token is refused before its body is read), then
// validation, then the services: these requests never reach the database, so an empty (unmigrated)
// one is enough.
describe('request validation', () => {
  let db: Database;
  let app: App;
  beforeAll(async () => {
    db = await openDatabase({});
    app = await buildServer({
      version: 'test',
      context: { db, now: () => new Date(), background: new BackgroundTasks() },
    });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('refuses an unknown field with a message naming it', async () => {
    const reply = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'a', password: 'b', role: 'x' },
    });
    expect(reply.statusCode).toBe(400);
    expect(reply.json()).toMatchObject({ ok: false, reason: 'VALIDATION_FAILED' });
    expect(reply.json<{ message: string }>().message).toContain('role');
  });

  it('refuses a non-JSON content type with 415', async () => {
    const reply = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(reply.statusCode).toBe(415);
    expect(reply.json()).toMatchObject({ ok: false, reason: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('refuses a redemption without a token before it reads the body, fractional amount and all', async () => {
    const reply = await app.inject({
      method: 'POST',
      url: '/v1/redemptions',
      payload: {
        id: '00000000-0000-7000-8000-000000000001',
        orderId: '00000000-0000-7000-8000-000000000002',
        code: 'A',
        tickets: 1,
        discount: 1.5,
        revenue: 10,
        currency: 'EUR',
      },
    });
    expect(reply.statusCode).toBe(401);
    expect(reply.json()).toMatchObject({ ok: false, reason: 'UNAUTHENTICATED' });
  });

  it('answers an unexpected failure with 500 and a sentence, never the stack or the error text', async () => {
    const reply = await app.inject({
      method: 'GET',
      url: '/v1/codes',
      headers: { authorization: `Bearer ${'a'.repeat(43)}` },
    });
    // The database here has no tables: the token lookup fails inside the server.
    expect(reply.statusCode).toBe(500);
    expect(reply.json()).toEqual({
      ok: false,
      reason: 'INTERNAL',
      message: 'Something went wrong on the server. Try again; if it keeps happening, tell support.',
    });
    expect(reply.body).not.toMatch(/sessions|relation|at .*\.ts/);
  });

  it('answers /health without a database round trip', async () => {
    const reply = await app.inject({ method: 'GET', url: '/health' });
    expect(reply.json()).toEqual({ ok: true, service: 'box-office-server', version: 'test' });
  });
});
