import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiClient, seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';

// An organisation always keeps someone active who may manage staff (docs/BACKOFFICE.md "People"):
// otherwise nobody could reset a PIN, let anyone in or undo the change.

describe.each(backends)('nobody locks the organisation out of managing staff (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  beforeEach(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url, 'Lockout');
  });
  afterEach(async () => {
    await server.close();
  });

  /** The first manager, signed in again (a deactivation or a new role ends their sessions). */
  const firstManager = async () => {
    const login = await apiClient(server.url).post<{ token: string }>('/v1/auth/login', {
      email: org.email,
      password: org.password,
    });
    expect(login.status).toBe(200);
    return apiClient(server.url, login.body.token);
  };

  it('refuses deactivating yourself, and demoting or deactivating the last staff manager', async () => {
    const self = await org.api.delete<{ reason: string; message: string }>(`/v1/staff/${org.managerId}`);
    expect(self.status).toBe(409);
    expect(self.body).toMatchObject({ reason: 'SELF_DEACTIVATION' });
    expect(self.body.message).toContain('ask another manager');

    // A second manager may deactivate the first; then they are the last, and cannot demote themselves.
    const second = await signInAs(org.api, server.url, 'manager');
    expect((await second.api.delete(`/v1/staff/${org.managerId}`)).status).toBe(200);
    const demoted = await second.api.patch<{ reason: string; message: string }>(
      `/v1/staff/${second.staffId}`,
      {
        roleId: 'seller',
      },
    );
    expect(demoted.status).toBe(409);
    expect(demoted.body).toMatchObject({ reason: 'LAST_STAFF_MANAGER' });
    expect(demoted.body.message).toContain('give someone else a role that may manage staff first');
    // Nothing was changed: still a manager, and the session still works.
    const me = await second.api.get<{ roleId: string; active: boolean }>(`/v1/staff/${second.staffId}`);
    expect(me.body).toMatchObject({ roleId: 'manager', active: true });

    // With the first manager back, the demotion goes through.
    expect((await second.api.patch(`/v1/staff/${org.managerId}`, { active: true })).status).toBe(200);
    expect((await second.api.patch(`/v1/staff/${second.staffId}`, { roleId: 'seller' })).status).toBe(200);
    const first = await firstManager();
    expect((await first.get(`/v1/staff/${second.staffId}`)).body).toMatchObject({ roleId: 'seller' });
  });

  it('refuses taking staff.manage away from the role the last staff managers hold', async () => {
    const role = {
      name: 'People lead',
      permissions: ['staff.manage', 'sell'],
      customDiscountCeiling: { percent: 0, amount: 0 },
    };
    expect((await org.api.post('/v1/roles', { id: 'people', ...role })).status).toBe(201);
    // The only manager moves to the custom role: it is now all that manages staff.
    expect((await org.api.patch(`/v1/staff/${org.managerId}`, { roleId: 'people' })).status).toBe(200);
    const lead = await firstManager();
    const stripped = await lead.put<{ reason: string }>('/v1/roles/people', {
      ...role,
      permissions: ['sell'],
    });
    expect(stripped.status).toBe(409);
    expect(stripped.body).toMatchObject({ reason: 'LAST_STAFF_MANAGER' });
    const roles = await lead.get<{ id: string; permissions: string[] }[]>('/v1/roles');
    expect(roles.body.find((r) => r.id === 'people')?.permissions).toEqual(['staff.manage', 'sell']);
    // The refusal is about the lockout, not the editor: granting more than one holds is refused apart.
    expect(
      (await lead.put('/v1/roles/people', { ...role, permissions: ['staff.manage', 'sell', 'refund'] }))
        .status,
    ).toBe(
      403, // a role may not hold more than its editor's own: refund is not the lead's
    );
  });
});
