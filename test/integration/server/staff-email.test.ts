import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_AFTER } from '../../../src-server/services/auth-service';
import { apiClient, seedOrganisation, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';

/** docs/SECURITY.md "Staff e-mail addresses": unique per organisation, no cross-organisation oracle. */
describe.each(backends)('staff e-mail addresses across organisations (%s)', (backend) => {
  let server: TestServer;
  let orgA: SeededOrganisation;
  let orgB: SeededOrganisation;
  const anon = () => apiClient(server.url);
  const failures = async (email: string) =>
    server.database.db.query<{ orgId: string; failed: number }>(
      'SELECT org_id AS "orgId", failed_logins AS failed FROM staff WHERE lower(email) = lower($1) ORDER BY org_id',
      [email],
    );
  /** The same address as a manager in both organisations, with these passwords. */
  const shared = async (passwordA: string, passwordB: string) => {
    const email = `shared-${randomUUID()}@example.test`;
    for (const [org, password] of [
      [orgA, passwordA],
      [orgB, passwordB],
    ] as const) {
      const created = await org.api.post('/v1/staff', { name: 'Kim', email, password, roleId: 'manager' });
      expect(created.status).toBe(201);
    }
    return email;
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    orgA = await seedOrganisation(server.database.db, server.url, 'Alpha');
    orgB = await seedOrganisation(server.database.db, server.url, 'Beta');
  });
  afterAll(async () => {
    await server.close();
  });

  it('takes an address another organisation uses (no 409 across organisations), but not twice in one', async () => {
    const taken = await orgB.api.post('/v1/staff', {
      name: 'Same address',
      email: orgA.email.toUpperCase(),
      password: 'a password of org B',
      roleId: 'seller',
    });
    expect(taken.status).toBe(201);
    const twice = await orgB.api.post('/v1/staff', { name: 'Again', email: orgA.email, roleId: 'seller' });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ reason: 'DUPLICATE_EMAIL' });
  });

  it('signs in to the one account whose password matches, without counting a failure on the other', async () => {
    const email = await shared('password of alpha', 'password of beta');
    const a = await anon().post<{ organisationId: string }>('/v1/auth/login', {
      email,
      password: 'password of alpha',
    });
    expect(a.status).toBe(200);
    expect(a.body.organisationId).toBe(orgA.organisationId);
    const b = await anon().post<{ organisationId: string }>('/v1/auth/login', {
      email,
      password: 'password of beta',
    });
    expect(b.body.organisationId).toBe(orgB.organisationId);
    expect((await failures(email)).map((r) => r.failed)).toEqual([0, 0]);
    const wrong = await anon().post('/v1/auth/login', { email, password: 'neither password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ reason: 'UNAUTHENTICATED' });
  });

  it('asks for the organisation when the password matches in several, and signs in to the one named', async () => {
    const email = await shared('one password for both', 'one password for both');
    const ambiguous = await anon().post<{ reason: string; message: string }>('/v1/auth/login', {
      email,
      password: 'one password for both',
    });
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.body.reason).toBe('ORGANISATION_REQUIRED');
    expect(ambiguous.body.message).toContain(orgA.organisationId);
    expect(ambiguous.body.message).toContain(orgB.organisationId);
    expect(ambiguous.body.message).toMatch(/organisationId/);
    const picked = await anon().post<{ organisationId: string }>('/v1/auth/login', {
      email,
      password: 'one password for both',
      organisationId: orgB.organisationId,
    });
    expect(picked.status).toBe(200);
    expect(picked.body.organisationId).toBe(orgB.organisationId);
    // Naming an organisation the address has no account in is a plain wrong login.
    const elsewhere = await seedOrganisation(server.database.db, server.url, 'Gamma');
    const none = await anon().post('/v1/auth/login', {
      email,
      password: 'one password for both',
      organisationId: elsewhere.organisationId,
    });
    expect(none.status).toBe(401);
  });

  it('locks each account on its own', async () => {
    const email = await shared('password of alpha', 'password of beta');
    for (let i = 0; i < LOCK_AFTER; i++) {
      const wrong = await anon().post('/v1/auth/login', {
        email,
        password: `wrong ${i}`,
        organisationId: orgA.organisationId,
      });
      expect(wrong.status).toBe(401);
    }
    const locked = await anon().post('/v1/auth/login', {
      email,
      password: 'password of alpha',
      organisationId: orgA.organisationId,
    });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ reason: 'LOCKED' });
    expect((await failures(email)).find((r) => r.orgId === orgB.organisationId)?.failed).toBe(0);
    const b = await anon().post<{ organisationId: string }>('/v1/auth/login', {
      email,
      password: 'password of beta',
    });
    expect(b.status).toBe(200);
    expect(b.body.organisationId).toBe(orgB.organisationId);
  });
});
