import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_AFTER } from '../../../src-server/services/auth-service';
import { apiClient, seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';

describe.each(backends)('admin API auth and scope (%s)', (backend) => {
  let server: TestServer;
  let orgA: SeededOrganisation;
  let orgB: SeededOrganisation;
  let codeB: string;
  let eventB: string;
  let venueB: string;

  beforeAll(async () => {
    server = await startTestServer(backend);
    orgA = await seedOrganisation(server.database.db, server.url, 'Org A');
    orgB = await seedOrganisation(server.database.db, server.url, 'Org B');
    const code = await orgB.api.post<{ id: string }>('/v1/codes', {
      code: 'BONLY',
      name: 'B only',
      benefit: { type: 'percentage', percent: 1000 },
    });
    codeB = code.body.id;
    const venue = await orgB.api.post<{ id: string }>('/v1/venues', {
      name: 'Hall B',
      currency: 'EUR',
      timezone: 'Europe/Berlin',
    });
    venueB = venue.body.id;
    const event = await orgB.api.post<{ id: string }>('/v1/events', { venueId: venueB, name: 'Show B' });
    eventB = event.body.id;
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses a wrong password with 401 and no token', async () => {
    const reply = await apiClient(server.url).post('/v1/auth/login', {
      email: orgA.email,
      password: 'wrong password!',
    });
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ ok: false, reason: 'UNAUTHENTICATED' });
    expect(reply.body).not.toHaveProperty('token');
  });

  it('locks an account after five wrong passwords in a row, even for the right one', async () => {
    const email = `locked-${randomUUID()}@example.test`;
    const created = await orgA.api.post('/v1/staff', {
      name: 'Lock',
      email,
      password: 'the right password',
      roleId: 'seller',
    });
    expect(created.status).toBe(201);
    const anon = apiClient(server.url);
    for (let i = 0; i < 5; i++) {
      expect((await anon.post('/v1/auth/login', { email, password: `wrong password ${i}` })).status).toBe(
        401,
      );
    }
    const locked = await anon.post('/v1/auth/login', { email, password: 'the right password' });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ ok: false, reason: 'LOCKED' });
  });

  it('checks no more passwords than the limit when 40 logins arrive at once', async () => {
    const email = `burst-${randomUUID()}@example.test`;
    const password = 'the right password';
    expect(
      (await orgA.api.post('/v1/staff', { name: 'Burst', email, password, roleId: 'seller' })).status,
    ).toBe(201);
    const anon = apiClient(server.url);
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => anon.post('/v1/auth/login', { email, password: `wrong ${i}` })),
    );
    // Each checked password was counted before its hash ran; the rest were refused unchecked.
    expect(burst.filter((r) => r.status === 401)).toHaveLength(LOCK_AFTER);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(40 - LOCK_AFTER);
    const [row] = await server.database.db.query<{ failed_logins: number }>(
      'SELECT failed_logins FROM staff WHERE email = $1',
      [email],
    );
    expect(row?.failed_logins).toBe(LOCK_AFTER);
    // While locked, the right password is refused as well, however many arrive together.
    const mixed = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        anon.post('/v1/auth/login', { email, password: i % 2 ? password : `wrong ${i}` }),
      ),
    );
    expect(mixed.map((r) => r.body)).toEqual(Array(40).fill(expect.objectContaining({ reason: 'LOCKED' })));
    // Not a timing test: up to the limit's password hashes run at once, slow on a busy 2-core machine.
  }, 60_000);

  it('refuses calls without a token or with an unknown one', async () => {
    expect((await apiClient(server.url).get('/v1/codes')).status).toBe(401);
    expect((await apiClient(server.url, 'x'.repeat(43)).get('/v1/codes')).status).toBe(401);
  });

  it('answers 404, not 403, when org A asks for org B codes, events, venues and staff', async () => {
    for (const path of [
      `/v1/codes/${codeB}`,
      `/v1/events/${eventB}`,
      `/v1/venues/${venueB}`,
      `/v1/staff/${orgB.managerId}`,
      `/v1/codes/${codeB}/versions`,
    ]) {
      const reply = await orgA.api.get(path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).toMatchObject({ ok: false, reason: 'NOT_FOUND' });
    }
    expect((await orgA.api.patch(`/v1/codes/${codeB}`, { name: 'mine now' })).status).toBe(404);
    expect((await orgA.api.delete(`/v1/codes/${codeB}`)).status).toBe(404);
    expect((await orgA.api.post(`/v1/codes/${codeB}/disable`)).status).toBe(404);
    expect((await orgA.api.patch(`/v1/staff/${orgB.managerId}`, { name: 'x' })).status).toBe(404);
    const after = await orgB.api.get<{ name: string; status: string }>(`/v1/codes/${codeB}`);
    expect(after.body).toMatchObject({ name: 'B only', status: 'active' });
  });

  it('hides another organisation’s generation jobs and refuses to generate under its parent', async () => {
    const parent = await orgB.api.post<{ id: string }>('/v1/codes', {
      code: 'B-PARENT',
      name: 'B parent',
      isParent: true,
      benefit: { type: 'percentage', percent: 1000 },
    });
    const job = await orgB.api.post<{ id: string }>(`/v1/codes/${parent.body.id}/children`, { count: 2 });
    expect(job.status).toBe(202);
    expect((await orgA.api.get(`/v1/generation-jobs/${job.body.id}`)).status).toBe(404);
    expect((await orgA.api.post(`/v1/codes/${parent.body.id}/children`, { count: 2 })).status).toBe(404);
    expect((await orgA.api.get(`/v1/codes?parentId=${parent.body.id}`)).body).toMatchObject({ total: 0 });
  });

  it('never lists another organisation’s rows', async () => {
    const codes = await orgA.api.get<{ items: { code: string }[]; total: number }>('/v1/codes');
    expect(codes.body.items.map((c) => c.code)).not.toContain('BONLY');
    const events = await orgA.api.get<{ items: unknown[]; total: number }>('/v1/events');
    expect(events.body).toMatchObject({ items: [], total: 0 });
    const report = await orgA.api.get<{ rows: { code: string }[] }>('/v1/reports/codes');
    expect(report.body.rows.map((r) => r.code)).not.toContain('BONLY');
  });

  it('refuses an event that points at another organisation’s venue', async () => {
    const reply = await orgA.api.post('/v1/events', { venueId: venueB, name: 'Sneaky' });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ reason: 'REFERENCE_NOT_FOUND' });
  });

  it('gives a seller 403 on codes.manage routes and lets a manager in', async () => {
    const seller = await signInAs(orgA.api, server.url, 'seller');
    const created = await seller.api.post('/v1/codes', {
      code: 'SELLER',
      name: 'x',
      benefit: { type: 'percentage', percent: 100 },
    });
    expect(created.status).toBe(403);
    expect(created.body).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
    expect((await seller.api.get('/v1/codes')).status).toBe(403);
    expect((await seller.api.get('/v1/staff')).status).toBe(403);
    expect((await orgA.api.get('/v1/codes')).status).toBe(200);
  });

  it('lets a custom role do only what it grants', async () => {
    const role = await orgA.api.post('/v1/roles', {
      id: 'marketing',
      name: 'Marketing',
      permissions: ['codes.manage', 'reports.view'],
      customDiscountCeiling: { percent: 0, amount: 0 },
    });
    expect(role.status).toBe(201);
    const marketer = await signInAs(orgA.api, server.url, 'marketing');
    expect((await marketer.api.get('/v1/codes')).status).toBe(200);
    expect((await marketer.api.get('/v1/staff')).status).toBe(403);
    const roles = await orgA.api.get<{ id: string }[]>('/v1/roles');
    expect(roles.body.map((r) => r.id)).toEqual(['seller', 'supervisor', 'manager', 'marketing']);
    // Org B cannot use org A's custom role.
    const foreign = await orgB.api.post('/v1/staff', { name: 'x', roleId: 'marketing' });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ reason: 'ROLE_NOT_FOUND' });
  });

  it('stops a deactivated staff member’s session at once', async () => {
    const seller = await signInAs(orgA.api, server.url, 'supervisor');
    expect((await seller.api.get('/v1/auth/me')).status).toBe(200);
    expect((await orgA.api.delete(`/v1/staff/${seller.staffId}`)).status).toBe(200);
    expect((await seller.api.get('/v1/auth/me')).status).toBe(401);
  });

  it('enrols a terminal once with a manager’s code and accepts its device token for sales only', async () => {
    const venue = await orgA.api.post<{ id: string }>('/v1/venues', {
      name: 'A hall',
      currency: 'EUR',
      timezone: 'UTC',
    });
    const enrolment = await orgA.api.post<{ enrolmentCode: string }>(
      `/v1/venues/${venue.body.id}/enrolment-codes`,
    );
    expect(enrolment.status).toBe(201);
    const anon = apiClient(server.url);
    const registered = await anon.post<{ terminalId: string; epoch: number; deviceToken: string }>(
      '/v1/terminals/register',
      { enrolmentCode: enrolment.body.enrolmentCode.toLowerCase(), name: 'Window 1' },
    );
    expect(registered.status).toBe(201);
    expect(registered.body.epoch).toBe(1);
    expect(registered.body.deviceToken.length).toBeGreaterThan(30);
    const again = await anon.post('/v1/terminals/register', {
      enrolmentCode: enrolment.body.enrolmentCode,
      name: 'Window 2',
    });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ reason: 'INVALID_ENROLMENT_CODE' });

    const device = apiClient(server.url, registered.body.deviceToken);
    expect((await device.get('/v1/codes')).status).toBe(403);
    await orgA.api.post('/v1/codes', {
      code: 'DEVICE',
      name: 'd',
      benefit: { type: 'percentage', percent: 500 },
    });
    const redeemed = await device.post<{ redemption: { terminalId: string } }>('/v1/redemptions', {
      id: randomUUID(),
      orderId: randomUUID(),
      code: 'device',
      tickets: 1,
      discount: 100,
      revenue: 1900,
      currency: 'EUR',
    });
    expect(redeemed.status).toBe(201);
    expect(redeemed.body.redemption.terminalId).toBe(registered.body.terminalId);
    // Org B's code is invisible to org A's terminal.
    const foreign = await device.post('/v1/redemptions', {
      id: randomUUID(),
      orderId: randomUUID(),
      code: 'BONLY',
      tickets: 1,
      discount: 100,
      revenue: 1900,
      currency: 'EUR',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ reason: 'INVALID_CODE' });
  });

  it('does not let another organisation enrol at a venue it does not own', async () => {
    const reply = await orgB.api.post(`/v1/venues/${randomUUID()}/enrolment-codes`);
    expect(reply.status).toBe(404);
  });

  it('allows first-run setup only while the server has no organisation', async () => {
    const reply = await apiClient(server.url).post('/v1/setup', {
      organisationName: 'Late',
      managerName: 'Late manager',
      email: 'late@example.test',
      password: 'a long enough password',
    });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ reason: 'ALREADY_SET_UP' });
  });
});
